// The versioned JSON form of a CG (`cgnas.cg` v1): stringify, and parse with JSON-Schema validation (ajv)
// followed by the CG rules, so a loaded graph is as trustworthy as a built one.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

import type { CgMeta, CgNode, ComputationGraph } from '../graph/computation-graph.js';
import { validateGraph } from '../graph/validate-graph.js';
import { CG_FORMAT, CG_FORMAT_VERSION, CG_JSON_SCHEMA } from './cg-json-schema.js';
import { GraphFormatError } from './graph-format-error.js';

export interface CgJsonDocument {
  readonly format: typeof CG_FORMAT;
  readonly version: typeof CG_FORMAT_VERSION;
  readonly meta: CgMeta;
  readonly nodes: readonly CgNode[];
  readonly edges: readonly (readonly [number, number])[];
}

let validator: ValidateFunction | null = null;

function schemaValidator(): ValidateFunction {
  validator ??= new Ajv({ allErrors: false, strict: true }).compile(CG_JSON_SCHEMA);
  return validator;
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'it does not match the schema';
  const at = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') {
    return `unknown field "${String((error.params as { additionalProperty?: string }).additionalProperty)}" at ${at}`;
  }
  return `${at} ${error.message ?? 'is invalid'}`;
}

/** The document for a graph (fields in a fixed order, undefined optional fields left out). */
export function graphToJson(graph: ComputationGraph): CgJsonDocument {
  const meta: Record<string, string> = {};
  for (const key of ['family', 'arch', 'name'] as const) {
    const v = graph.meta[key];
    if (v !== undefined) meta[key] = v;
  }
  const nodes = graph.nodes.map((n) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n)) if (v !== undefined) out[k] = v;
    return out as unknown as CgNode;
  });
  return {
    format: CG_FORMAT,
    version: CG_FORMAT_VERSION,
    meta,
    nodes,
    edges: graph.edges.map(([s, d]) => [s, d] as const),
  };
}

/** JSON text of a graph; `indent` as in JSON.stringify. */
export function stringifyGraph(graph: ComputationGraph, indent?: number): string {
  return JSON.stringify(graphToJson(graph), null, indent);
}

/**
 * A graph from JSON text or an already-parsed value. Throws GraphFormatError for text that is not JSON, a
 * document of another format or version, or unknown / mistyped fields; GraphValidationError when the
 * document is well-formed but the graph breaks a CG rule (cycle, dangling node, shape mismatch).
 */
export function parseGraphJson(input: string | unknown, source = 'input'): ComputationGraph {
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (error) {
      throw new GraphFormatError(
        `cg-core.parseGraphJson: ${source} is not valid JSON (${error instanceof Error ? error.message : String(error)}); ` +
          'expected a document written by stringifyGraph / `cgnas graph build --out`',
      );
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new GraphFormatError(
      `cg-core.parseGraphJson: Expected a JSON object in ${source} but received ${typeof doc}`,
    );
  }
  const { format, version } = doc as { format?: unknown; version?: unknown };
  if (format !== CG_FORMAT) {
    throw new GraphFormatError(
      `cg-core.parseGraphJson: Expected format "${CG_FORMAT}" in ${source} but received ${JSON.stringify(format)}`,
    );
  }
  if (version !== CG_FORMAT_VERSION) {
    throw new GraphFormatError(
      `cg-core.parseGraphJson: ${source} has version ${JSON.stringify(version)} but this cgnas reads version ` +
        `${CG_FORMAT_VERSION}; re-export the graph with a matching cgnas`,
    );
  }
  const check = schemaValidator();
  if (!check(doc)) {
    throw new GraphFormatError(`cg-core.parseGraphJson: ${source}: ${describe(check.errors?.[0])}`);
  }
  const d = doc as CgJsonDocument;
  return validateGraph({
    nodes: d.nodes,
    edges: d.edges.map(([s, e]) => [s, e] as const),
    meta: d.meta,
  });
}
