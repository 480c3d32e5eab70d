// `cgnas predict --model DIR FILE…`: ranks networks with a trained predictor. Inputs: CG JSON (one graph
// or an array), ONNX models, or family JSONL (NB-201 arch_str, NB-101 matrix/ops, NB-301 genotype lines).
// One output line per network: predicted accuracy, rank (1 = best), FLOPs, params.
import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';

import type { Command } from 'commander';
import {
  graphCost,
  importOnnx,
  nb101Graph,
  nb201Graph,
  nb301Graph,
  validateGraph,
  type ComputationGraph,
} from '@cgnas/cg-core';
import { cgEncoderFactory, loadModel } from '@cgnas/ensemble';
import { selectTfBackend } from '@cgnas/native/tf';

import { CliUsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';

interface Named {
  readonly name: string;
  readonly graph: ComputationGraph;
}

function fromJsonlLine(line: Record<string, unknown>, where: string): ComputationGraph {
  const arch = line.arch_str ?? line.archStr ?? line.arch;
  if (typeof arch === 'string') return nb201Graph(arch, { deadEdges: 'prune' });
  if (Array.isArray(line.matrix) && Array.isArray(line.ops)) {
    return nb101Graph({ matrix: line.matrix as number[][], ops: line.ops as string[] });
  }
  if (line.normal && line.reduce) return nb301Graph(line);
  if (Array.isArray(line.nodes) && Array.isArray(line.edges)) return validateGraph(line as unknown as ComputationGraph);
  throw new CliUsageError(
    `cli.predict: ${where} is neither an NB-201 arch_str, an NB-101 matrix/ops, an NB-301 genotype nor a CG; fix the line or drop it`,
  );
}

export function readNetworks(file: string): Named[] {
  const path = resolve(file);
  const base = basename(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new CliUsageError(`cli.predict: cannot read ${path} (${(error as Error).message})`);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.onnx') return [{ name: base, graph: importOnnx(new Uint8Array(bytes)).graph }];
  const text = bytes.toString('utf8');
  if (ext === '.jsonl') {
    return text
      .split('\n')
      .map((l, i) => [l.trim(), i] as const)
      .filter(([l]) => l.length > 0)
      .map(([l, i]) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(l);
        } catch {
          throw new CliUsageError(`cli.predict: ${base} line ${i + 1} is not JSON`);
        }
        return {
          name: `${base}:${i + 1}`,
          graph: fromJsonlLine(parsed as Record<string, unknown>, `${base} line ${i + 1}`),
        };
      });
  }
  if (ext === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new CliUsageError(`cli.predict: ${base} is not JSON`);
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    return list.map((g, i) => ({
      name: list.length > 1 ? `${base}[${i}]` : base,
      graph: fromJsonlLine(g as Record<string, unknown>, `${base} item ${i}`),
    }));
  }
  throw new CliUsageError(`cli.predict: Expected a .json, .jsonl or .onnx file but received ${base}`);
}

export function registerPredict(program: Command, ctx: CliContext): void {
  program
    .command('predict')
    .description('predict and rank the accuracy of networks (CG JSON, ONNX or family JSONL) with a trained model')
    .requiredOption('--model <dir>', 'model directory written by `cgnas train`')
    .option('--json', 'one JSON object per network')
    .argument('<files...>', 'network files')
    .action(async (files: string[], opts: { model: string; json?: boolean }) => {
      const nets = files.flatMap(readNetworks);
      if (nets.length === 0) throw new CliUsageError('cli.predict: the files hold no networks');
      await selectTfBackend();
      const ens = loadModel(opts.model, cgEncoderFactory);
      const cost = nets.map((n) => graphCost(n.graph));
      const gflops = cost.map((c) => c.macs / 1e9);
      const pred = ens.predict(
        nets.map((n) => n.graph),
        gflops,
      );
      ens.dispose();
      const order = nets.map((_, i) => i).sort((a, b) => pred.score[b]! - pred.score[a]!);
      const rank = new Array<number>(nets.length);
      order.forEach((i, r) => (rank[i] = r + 1));
      if (!opts.json) ctx.out('rank\tpred_acc\tMFLOPs\tparams_M\tnetwork');
      nets.forEach((n, i) => {
        const acc = pred.accuracy ? pred.accuracy[i]! : NaN;
        if (opts.json) {
          ctx.out(
            JSON.stringify({
              network: n.name,
              predicted_accuracy: acc,
              score: pred.score[i],
              rank: rank[i],
              flops: cost[i]!.macs,
              params: cost[i]!.params,
            }),
          );
        } else {
          ctx.out(
            `${rank[i]}\t${acc.toFixed(2)}\t${(cost[i]!.macs / 1e6).toFixed(1)}\t${(cost[i]!.params / 1e6).toFixed(3)}\t${n.name}`,
          );
        }
      });
    });
}
