// `cgnas graph build` and `cgnas graph stats`: architectures in a family's native encoding → Computation
// Graphs (JSON, or one stats line per member). Other `graph` subcommands (import/export) plug in through
// the `extensions` hook of registerGraph.
import { readFileSync } from 'node:fs';

import {
  fbnetFamily,
  graphCost,
  graphHash,
  nb101Family,
  nb201Family,
  nb201Graph,
  nb301Family,
  ofaMbv3Family,
  ofaResnetFamily,
  proxylessFamily,
  stringifyGraph,
  writeGraphFile,
  type ArchFamily,
  type ComputationGraph,
} from '@cgnas/cg-core';
import type { Command } from 'commander';

import { CliUsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { writeOutput } from '../util/write-output.js';

/** Registers more subcommands on the `graph` command (e.g. registerGraphImportExport from graph-onnx.ts). */
export type GraphSubcommands = (graphCommand: Command, ctx: CliContext) => void;

const FAMILIES: Readonly<Record<string, ArchFamily<unknown>>> = {
  nb201: nb201Family as ArchFamily<unknown>,
  nb101: nb101Family as ArchFamily<unknown>,
  nb301: nb301Family as ArchFamily<unknown>,
  'ofa-mbv3': ofaMbv3Family as ArchFamily<unknown>,
  fbnet: fbnetFamily as ArchFamily<unknown>,
  proxyless: proxylessFamily as ArchFamily<unknown>,
  'ofa-resnet50': ofaResnetFamily as ArchFamily<unknown>,
};

/** The fields of a JSONL row that hold the native encoding (the names used in data/); others pass whole. */
const NATIVE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  nb201: ['arch_str'],
  nb101: ['matrix', 'ops'],
  nb301: ['normal', 'normal_concat', 'reduce', 'reduce_concat'],
  'ofa-mbv3': ['ks', 'e', 'd', 'r'],
};

/** `--dead-edges`: how NB-201 `none` edges appear (see nb201Graph); other families have none. */
function toGraphFn(family: ArchFamily<unknown>, deadEdges: string | undefined): (arch: unknown) => ComputationGraph {
  if (deadEdges === undefined) return (arch) => family.toGraph(arch);
  if (family.name !== 'nb201' || (deadEdges !== 'zero' && deadEdges !== 'prune')) {
    throw new CliUsageError(
      `cli.graph: Expected --dead-edges zero|prune with --family nb201 but received ${deadEdges} for ${family.name}`,
    );
  }
  return (arch) => nb201Graph(arch as string, { deadEdges });
}

export function familyByName(name: string | undefined): ArchFamily<unknown> {
  const f = name === undefined ? undefined : FAMILIES[name];
  if (!f) {
    throw new CliUsageError(
      `cli.graph: Expected --family ${Object.keys(FAMILIES).join('|')} but received ${JSON.stringify(name)}`,
    );
  }
  return f;
}

/** One stats record: `{"nodes","edges","flops","params","hash"}` (flops = MACs, see graphCost). */
export interface GraphStats {
  readonly nodes: number;
  readonly edges: number;
  readonly flops: number;
  readonly params: number;
  readonly hash: string;
}

export function graphStats(graph: ComputationGraph): GraphStats {
  const cost = graphCost(graph);
  return {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    flops: cost.flops,
    params: cost.params,
    hash: graphHash(graph),
  };
}

/** Builds one member from `--arch` (an NB-201 string or the family's JSON encoding). */
export function runGraphBuild(
  opts: { family?: string; arch?: string; out?: string; deadEdges?: string },
  ctx: CliContext,
): ComputationGraph {
  const family = familyByName(opts.family);
  const toGraph = toGraphFn(family, opts.deadEdges);
  if (opts.arch === undefined) throw new CliUsageError('cli.graph build: pass the architecture with --arch');
  const text = opts.arch.trim();
  let encoded: unknown = text;
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      encoded = JSON.parse(text);
    } catch (e) {
      throw new CliUsageError(`cli.graph build: --arch looks like JSON but does not parse (${(e as Error).message})`);
    }
  }
  const graph = toGraph(family.parse(encoded));
  if (opts.out) {
    writeGraphFile(opts.out, graph);
    const s = graphStats(graph);
    ctx.out(`${opts.out}: ${s.nodes} nodes, ${s.edges} edges, ${s.flops} MACs, ${s.params} params, hash ${s.hash}`);
  } else {
    ctx.out(stringifyGraph(graph));
  }
  return graph;
}

/** Stats of every member of a JSONL file, in input order; a bad line stops with an error naming it. */
export function runGraphStats(
  opts: { family?: string; in?: string; out?: string; deadEdges?: string },
  ctx: CliContext,
): GraphStats[] {
  const family = familyByName(opts.family);
  const toGraph = toGraphFn(family, opts.deadEdges);
  if (!opts.in) throw new CliUsageError('cli.graph stats: pass the members with --in FILE.jsonl');
  let text: string;
  try {
    text = readFileSync(opts.in, 'utf8');
  } catch (e) {
    throw new CliUsageError(`cli.graph stats: cannot read ${opts.in} (${(e as Error).message}); pass an existing file`);
  }
  const fields = NATIVE_FIELDS[family.name];
  const results: GraphStats[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const where = `${opts.in} line ${i + 1}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (e) {
      throw new CliUsageError(`cli.graph stats: ${where} is not JSON (${(e as Error).message}); one member per line`);
    }
    let encoded = row;
    if (fields && typeof row === 'object' && row !== null && !Array.isArray(row)) {
      const picked: Record<string, unknown> = {};
      for (const f of fields) if (f in row) picked[f] = (row as Record<string, unknown>)[f];
      encoded = fields.length === 1 ? picked[fields[0]!] : picked;
    }
    try {
      results.push(graphStats(toGraph(family.parse(encoded))));
    } catch (e) {
      if (e instanceof Error && /^[a-z][\w-]*\.[\w.]+: /.test(e.message)) {
        throw new CliUsageError(`cli.graph stats: ${where}: ${e.message}`);
      }
      throw e;
    }
  }
  const out = results.map((r) => JSON.stringify(r));
  if (opts.out) {
    writeOutput(opts.out, out.length > 0 ? `${out.join('\n')}\n` : '');
    ctx.err(`cgnas graph stats: ${results.length} members → ${opts.out}`);
  } else {
    for (const l of out) ctx.out(l);
  }
  return results;
}

/** Creates `cgnas graph` with build and stats; `extensions` add more subcommands. Returns the command. */
export function registerGraph(
  program: Command,
  ctx: CliContext,
  extensions: readonly GraphSubcommands[] = [],
): Command {
  const graph = program.command('graph').description('build, inspect, import and export Computation Graphs');
  const families = Object.keys(FAMILIES).join('|');
  graph
    .command('build')
    .description('build the whole network of one architecture as a Computation Graph (cgnas.cg JSON)')
    .requiredOption('--family <family>', families)
    .requiredOption(
      '--arch <arch>',
      'NB-201 arch string, or the family JSON (NB-101 {"matrix","ops"}, NB-301 genotype, OFA {"ks","e","d","r"})',
    )
    .option('--out <file>', 'write the graph here (atomically) instead of printing it')
    .option(
      '--dead-edges <mode>',
      'nb201 only: zero (default; keeps dead ops, params match the benchmark) or prune (duplicates share a hash)',
    )
    .action((opts: { family: string; arch: string; out?: string; deadEdges?: string }) => {
      runGraphBuild(opts, ctx);
    });
  graph
    .command('stats')
    .description(
      'one JSON line {"nodes","edges","flops","params","hash"} per member of a JSONL file, in input order (flops = MACs)',
    )
    .requiredOption('--family <family>', families)
    .requiredOption('--in <file>', 'JSONL, one member per line in the native encoding (field names as in data/)')
    .option('--out <file>', 'write the lines here (atomically) instead of stdout')
    .option(
      '--dead-edges <mode>',
      'nb201 only: zero (default; keeps dead ops, params match the benchmark) or prune (duplicates share a hash)',
    )
    .action((opts: { family: string; in: string; out?: string; deadEdges?: string }) => {
      runGraphStats(opts, ctx);
    });
  for (const extend of extensions) extend(graph, ctx);
  return graph;
}
