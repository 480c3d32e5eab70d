// `cgnas graph import` and `cgnas graph export`: real model files ↔ Computation Graph JSON, through
// @cgnas/cg-core's ONNX and tfjs importers; CGs are `cgnas.cg` JSON files. Outputs are written atomically.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

import {
  exportOnnx,
  graphCost,
  importOnnx,
  importTfjsLayers,
  readGraphFile,
  stringifyGraph,
  writeGraphFile,
  type ComputationGraph,
} from '@cgnas/cg-core';
import type { Command } from 'commander';

import { CliUsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { intOption } from '../util/option-parsers.js';
import { writeOutput } from '../util/write-output.js';

export interface GraphImportOptions {
  readonly out?: string;
  readonly format?: string;
  readonly input?: string;
}

function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new CliUsageError(`cli.graph: cannot read ${path} (${(e as Error).message}); pass an existing file`);
  }
}

/** "H,W,C" → shape, for models whose input size is symbolic. */
function parseInputShape(text: string | undefined): { h: number; w: number; c: number } | null {
  if (text === undefined) return null;
  const v = text.split(',').map(Number);
  if (v.length !== 3 || !v.every((x) => Number.isInteger(x) && x > 0)) {
    throw new CliUsageError(`cli.graph import: Expected H,W,C (e.g. 224,224,3) for --input but received ${text}`);
  }
  return { h: v[0]!, w: v[1]!, c: v[2]! };
}

function summary(graph: ComputationGraph): string {
  const cost = graphCost(graph);
  return `${graph.nodes.length} nodes, ${graph.edges.length} edges, ${cost.macs} MACs, ${cost.params} params`;
}

/** Imports an ONNX or tfjs model file; returns the CG and prints unmapped ops as notices. */
export function runGraphImport(model: string, opts: GraphImportOptions, ctx: CliContext): ComputationGraph {
  const format = opts.format ?? (extname(model).toLowerCase() === '.json' ? 'tfjs' : 'onnx');
  const inputShape = parseInputShape(opts.input);
  let graph: ComputationGraph;
  let unmapped: string[];
  if (format === 'onnx') {
    const r = importOnnx(readBytes(model), { inputShape });
    graph = r.graph;
    unmapped = r.unmappedOps.map((u) => `${u.opType}${u.nodeName ? ` (${u.nodeName})` : ''} → <oov> node ${u.cgNode}`);
  } else if (format === 'tfjs') {
    const r = importTfjsLayers(new TextDecoder().decode(readBytes(model)), { inputShape });
    graph = r.graph;
    unmapped = r.unmappedLayers.map((u) => `${u.className} (${u.layerName}) → <oov> node ${u.cgNode}`);
  } else {
    throw new CliUsageError(`cli.graph import: Expected onnx or tfjs for --format but received ${format}`);
  }
  for (const u of unmapped) ctx.err(`notice: unmapped op ${u}`);
  if (opts.out) {
    writeGraphFile(opts.out, graph);
    ctx.out(`${opts.out}: ${summary(graph)}${unmapped.length ? `, ${unmapped.length} unmapped ops` : ''}`);
  } else ctx.out(stringifyGraph(graph));
  return graph;
}

/** Reads a `cgnas.cg` JSON file, writes ONNX with seeded random weights. */
export function runGraphExport(cgPath: string, opts: { onnx: string; seed?: string }, ctx: CliContext): void {
  const graph = readGraphFile(cgPath);
  const seed = opts.seed === undefined ? 0 : intOption('graph export', '--seed', opts.seed, -Infinity);
  const bytes = exportOnnx(graph, { seed });
  writeOutput(opts.onnx, bytes);
  ctx.out(`${opts.onnx}: ${bytes.length} bytes, ${summary(graph)}`);
}

export function registerGraphImportExport(graphCommand: Command, ctx: CliContext): void {
  graphCommand
    .command('import')
    .description('read an ONNX model (.onnx) or a tfjs LayersModel (model.json) into a Computation Graph (JSON)')
    .argument('<model>', 'model file: .onnx, or model.json of a tfjs LayersModel')
    .option('--out <file>', 'write the CG JSON here (atomically) instead of stdout')
    .option('--format <format>', 'onnx or tfjs (default: from the extension)')
    .option('--input <H,W,C>', 'input size for models with symbolic input dimensions')
    .action((model: string, opts: GraphImportOptions) => {
      runGraphImport(model, opts, ctx);
    });
  graphCommand
    .command('export')
    .description('write a Computation Graph (JSON) as an ONNX model with seeded random weights (runs in onnxruntime)')
    .argument('<cg>', 'CG file (cgnas.cg JSON, from `graph build --out` or `graph import --out`)')
    .requiredOption('--onnx <file>', 'output .onnx file (written atomically)')
    .option('--seed <n>', 'seed of the random weights', '0')
    .action((cg: string, opts: { onnx: string; seed?: string }) => {
      runGraphExport(cg, opts, ctx);
    });
}
