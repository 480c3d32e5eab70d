// `cgnas reduce`: per-device design-space reduction (Mills et al.) and the NSGA-II comparison of the
// reduced, original and random-control spaces at equal budgets, with a Pareto comparison plot.
import { join } from 'node:path';

import type { Command } from 'commander';
import { nb201Encoding, nb201Reduction } from '@cgnas/hw-profiler';
import { scatterChart } from '@cgnas/search';

import { CliUsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { intOption } from '../util/option-parsers.js';
import { writeOutput, writePlot } from '../util/write-output.js';
import { parseSpace } from './latency.js';

export function registerReduce(program: Command, ctx: CliContext): void {
  program
    .command('reduce')
    .description('reduce a design space for a device and compare NSGA-II fronts in reduced / original / control spaces')
    .requiredOption('--space <space>', 'nb201 (true accuracy and measured latency both exist)')
    .requiredOption('--device <name>', 'fpga|eyeriss|raspi4|pixel3 or a HELP NB-201 device')
    .option('--budget <n>', 'evaluations per NSGA-II run', '100')
    .option('--seeds <n>', 'number of seeds', '10')
    .option('--n <n>', 'architectures per profiling cell', '100')
    .option('--out <dir>', 'write reduced-space.json and pareto.svg here')
    .option('--json', 'print the result as JSON')
    .action(
      (opts: {
        space: string;
        device: string;
        budget: string;
        seeds: string;
        n: string;
        out?: string;
        json?: boolean;
      }) => {
        const space = parseSpace(opts.space, 'reduce');
        if (space !== 'nb201') {
          throw new CliUsageError(
            `cli.reduce: ${space} has no measured accuracy here; only nb201 is supported until the ensemble accuracy predictor is wired in`,
          );
        }
        const budget = intOption('reduce', '--budget', opts.budget, 1);
        const seeds = intOption('reduce', '--seeds', opts.seeds, 1);
        const n = intOption('reduce', '--n', opts.n, 1);
        const r = nb201Reduction(opts.device, {
          budget,
          seeds: Array.from({ length: seeds }, (_, i) => i),
          profileN: n,
        });
        const names = (a: readonly (readonly number[])[]) =>
          a.map((ops, e) => `${nb201Encoding.positions[e]}: ${ops.map((b) => nb201Encoding.blocks[b]).join(', ')}`);
        const summary = {
          space,
          device: opts.device,
          budget,
          seeds,
          reduced: names(r.reduced),
          results: r.results.map((v) => ({
            variant: v.variant,
            size: v.size,
            hypervolume: v.hypervolume,
            hypervolumes: v.hypervolumes,
          })),
        };
        if (opts.json) ctx.out(JSON.stringify(summary));
        else {
          ctx.out(`reduced ${space} space for ${opts.device}:`);
          for (const l of summary.reduced) ctx.out(`  ${l}`);
          for (const v of r.results)
            ctx.out(
              `${v.variant.padEnd(9)} size ${String(v.size).padStart(6)}  hypervolume ${v.hypervolume.toFixed(4)} (mean of ${seeds} seeds, budget ${budget})`,
            );
        }
        if (opts.out) {
          writeOutput(join(opts.out, 'reduced-space.json'), JSON.stringify(summary, null, 1));
          const svg = scatterChart(
            r.results.map((v) => ({ name: `${v.variant} (HV ${v.hypervolume.toFixed(3)})`, points: v.front })),
            {
              title: `NB-201 on ${opts.device}: Pareto fronts (seed 0)`,
              xLabel: `latency on ${opts.device} (ms)`,
              yLabel: 'CIFAR-10 test accuracy (%)',
            },
          );
          const files = writePlot(join(opts.out, 'pareto.svg'), svg, { png: false });
          ctx.err(`wrote ${join(opts.out, 'reduced-space.json')}, ${files.join(', ')}`);
        }
      },
    );
}
