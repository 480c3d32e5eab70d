// `cgnas reduce`: per-device design-space reduction (Mills et al.) and the NSGA-II comparison of the
// reduced, original and random-control spaces at equal budgets, with a Pareto comparison plot. NB-201
// uses measured accuracy and latency; FBNet and OFA-MBv3 have no measured accuracy here, so accuracy is
// the ensemble predictor's (trained on the benchmarks, or --model DIR) and every output says so.
import { join } from 'node:path';

import type { Command } from 'commander';
import { cgEncoderFactory, loadModel } from '@cgnas/ensemble';
import {
  ensembleAccuracy,
  nb201Encoding,
  nb201Reduction,
  spaceReduction,
  type AllowedBlocks,
  type VariantResult,
} from '@cgnas/hw-profiler';
import { scatterChart } from '@cgnas/search';

import type { CliContext } from '../context.js';
import { intOption } from '../util/option-parsers.js';
import { writeOutput, writePlot } from '../util/write-output.js';
import { parseSpace } from './latency.js';

interface Outcome {
  readonly reduced: readonly string[];
  readonly results: readonly VariantResult[];
  readonly latencyLabel: string;
  readonly accuracyLabel: string;
}

export function registerReduce(program: Command, ctx: CliContext): void {
  program
    .command('reduce')
    .description('reduce a design space for a device and compare NSGA-II fronts in reduced / original / control spaces')
    .requiredOption('--space <space>', 'nb201 (measured accuracy) | fbnet | ofa-mbv3 (predicted accuracy)')
    .requiredOption('--device <name>', 'a device of the space (see `cgnas blocks --space S --device x --list`)')
    .option('--budget <n>', 'evaluations per NSGA-II run', '100')
    .option('--seeds <n>', 'number of seeds', '10')
    .option('--n <n>', 'nb201: architectures per profiling cell; fbnet/ofa-mbv3: networks in the accuracy pool', '100')
    .option('--model <dir>', 'fbnet/ofa-mbv3: a trained ensemble (`cgnas train`) for accuracy; else trained here')
    .option('--epochs <n>', 'fbnet/ofa-mbv3 without --model: training epochs of the ensemble', '20')
    .option('--train-limit <n>', 'fbnet/ofa-mbv3 without --model: most networks per training family')
    .option('--resolution <r>', 'ofa-mbv3: input resolution searched', '224')
    .option('--out <dir>', 'write reduced-space.json and pareto.svg here')
    .option('--json', 'print the result as JSON')
    .action(
      async (opts: {
        space: string;
        device: string;
        budget: string;
        seeds: string;
        n: string;
        model?: string;
        epochs: string;
        trainLimit?: string;
        resolution: string;
        out?: string;
        json?: boolean;
      }) => {
        const space = parseSpace(opts.space, 'reduce');
        const budget = intOption('reduce', '--budget', opts.budget, 1);
        const seeds = intOption('reduce', '--seeds', opts.seeds, 1);
        const n = intOption('reduce', '--n', opts.n, 1);
        const seedList = Array.from({ length: seeds }, (_, i) => i);
        let outcome: Outcome;
        if (space === 'nb201') {
          const r = nb201Reduction(opts.device, { budget, seeds: seedList, profileN: n });
          outcome = {
            reduced: r.reduced.map(
              (ops, e) => `${nb201Encoding.positions[e]}: ${ops.map((b) => nb201Encoding.blocks[b]).join(', ')}`,
            ),
            results: r.results,
            latencyLabel: `measured latency on ${opts.device} (ms)`,
            accuracyLabel: 'CIFAR-10 test accuracy (%, NAS-Bench-201, measured)',
          };
        } else {
          const epochs = intOption('reduce', '--epochs', opts.epochs, 1);
          const resolution = intOption('reduce', '--resolution', opts.resolution, 1);
          if (!opts.model)
            ctx.err(`training the ensemble accuracy predictor (${epochs} epochs; --model DIR skips this)`);
          const accuracy = await ensembleAccuracy(
            space,
            opts.model
              ? { ensemble: loadModel(opts.model, cgEncoderFactory), source: `loaded from ${opts.model}` }
              : {
                  epochs,
                  ...(opts.trainLimit
                    ? {
                        limits: Object.fromEntries(
                          ['nb101', 'nb201', 'nb301'].map((f) => [
                            f,
                            intOption('reduce', '--train-limit', opts.trainLimit!, 2),
                          ]),
                        ),
                      }
                    : {}),
                },
          );
          try {
            const r = spaceReduction(space, opts.device, accuracy, {
              budget,
              seeds: seedList,
              pool: Math.max(20, n),
              resolution,
            });
            const names = (a: AllowedBlocks) =>
              a.map((c, g) => `${r.genes[g]}: ${c.map((b) => r.choices[g]![b]).join(', ')}`);
            outcome = {
              reduced: names(r.reduced),
              results: r.results,
              latencyLabel: r.latencyLabel,
              accuracyLabel: r.accuracyLabel,
            };
          } finally {
            accuracy.dispose();
          }
        }
        const summary = {
          space,
          device: opts.device,
          budget,
          seeds,
          latency: outcome.latencyLabel,
          accuracy: outcome.accuracyLabel,
          reduced: outcome.reduced,
          results: outcome.results.map((v) => ({
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
          ctx.out(`latency: ${outcome.latencyLabel}`);
          ctx.out(`accuracy: ${outcome.accuracyLabel}`);
          for (const v of outcome.results)
            ctx.out(
              `${v.variant.padEnd(9)} size ${String(v.size).padStart(6)}  hypervolume ${v.hypervolume.toFixed(4)} (mean of ${seeds} seeds, budget ${budget})`,
            );
        }
        if (opts.out) {
          writeOutput(join(opts.out, 'reduced-space.json'), JSON.stringify(summary, null, 1));
          const svg = scatterChart(
            outcome.results.map((v) => ({ name: `${v.variant} (HV ${v.hypervolume.toFixed(3)})`, points: v.front })),
            {
              title: `${space} on ${opts.device}: Pareto fronts (seed 0)`,
              xLabel: outcome.latencyLabel,
              yLabel:
                outcome.accuracyLabel.length > 60 ? `${outcome.accuracyLabel.slice(0, 57)}…` : outcome.accuracyLabel,
            },
          );
          const files = writePlot(join(opts.out, 'pareto.svg'), svg, { png: false });
          ctx.err(`wrote ${join(opts.out, 'reduced-space.json')}, ${files.join(', ')}`);
        }
      },
    );
}
