// `cgnas profile FILE…`: live latency of ONNX models on this machine (onnxruntime-node or tfjs), with
// warm-up, repeats, median and IQR, fixed threads, and the environment recorded.
import { readFileSync } from 'node:fs';

import type { Command } from 'commander';
import { importOnnx, readGraphFile, type ComputationGraph } from '@cgnas/cg-core';
import { measureGraph, measureOnnx, type LiveMeasurement } from '@cgnas/hw-profiler';

import { CliUsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { intOption } from '../util/option-parsers.js';

export function registerProfile(program: Command, ctx: CliContext): void {
  program
    .command('profile')
    .description('measure the latency of ONNX models on this machine (median and IQR over repeats)')
    .argument('<files...>', 'ONNX model files or CG JSON files (e.g. from `cgnas graph`)')
    .option('--runtime <rt>', 'ort (onnxruntime-node) or tfjs', 'ort')
    .option('--threads <n>', 'intra-op threads', '1')
    .option('--repeats <n>', 'timed runs', '50')
    .option('--warmup <n>', 'warm-up runs', '10')
    .option('--batch <n>', 'batch size (tfjs; ort models from cg-core declare batch 1)', '1')
    .option('--json', 'one JSON object per model')
    .action(
      async (
        files: string[],
        opts: { runtime: string; threads: string; repeats: string; warmup: string; batch: string; json?: boolean },
      ) => {
        if (opts.runtime !== 'ort' && opts.runtime !== 'tfjs')
          throw new CliUsageError(`cli.profile: Expected ort or tfjs for --runtime but received ${opts.runtime}`);
        const num = (v: string, flag: string, min: number): number => intOption('profile', flag, v, min);
        const live = {
          threads: num(opts.threads, '--threads', 1),
          repeats: num(opts.repeats, '--repeats', 1),
          warmup: num(opts.warmup, '--warmup', 0),
          batch: num(opts.batch, '--batch', 1),
        };
        for (const file of files) {
          let bytes: Uint8Array | null = null;
          let graph: ComputationGraph;
          if (file.endsWith('.json')) graph = readGraphFile(file);
          else {
            try {
              bytes = new Uint8Array(readFileSync(file));
            } catch (error) {
              throw new CliUsageError(
                `cli.profile: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
              );
            }
            graph = importOnnx(bytes).graph;
          }
          const inp = graph.nodes.find((n) => n.op === 'input');
          let m: LiveMeasurement;
          // ONNX files run as given in ort; CG JSON is exported first (inside measureGraph).
          if (bytes && opts.runtime === 'ort' && inp && live.batch === 1)
            m = await measureOnnx(bytes, [inp.outC, inp.outH, inp.outW], live);
          else m = await measureGraph(graph, opts.runtime, live);
          if (opts.json) ctx.out(JSON.stringify({ file, ...m }));
          else {
            const e = m.environment;
            ctx.out(
              `${file}: median ${m.medianMs.toFixed(3)} ms, IQR ${m.iqrMs.toFixed(3)} ms (${m.repeats} runs, input ${m.inputShape.join('x')})`,
            );
            ctx.out(
              `  ${e.runtime} ${e.runtimeVersion}, ${e.threads} thread(s), ${e.cpu} (${e.logicalCpus} logical), node ${e.node}, load ${e.loadAverage1m}`,
            );
          }
        }
      },
    );
}
