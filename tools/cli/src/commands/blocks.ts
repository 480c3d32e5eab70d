// `cgnas blocks`: block friendliness of a device (Mills et al. profiling): table of friendliness by block
// and position, placement impact, regression fit quality, and a heatmap SVG.
import { join } from 'node:path';

import type { Command } from 'commander';
import { nb201Graph } from '@cgnas/cg-core';
import {
  blockProfileAsync,
  heatmapChart,
  listDevices,
  measureGraph,
  nb201Encoding,
  profileDevice,
  type BlockProfile,
} from '@cgnas/hw-profiler';

import { CliUsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { intOption } from '../util/option-parsers.js';
import { writeOutput, writePlot } from '../util/write-output.js';
import { parseSpace } from './latency.js';

export function registerBlocks(program: Command, ctx: CliContext): void {
  program
    .command('blocks')
    .description('profile block friendliness by position on a device (table + heatmap SVG)')
    .requiredOption('--space <space>', 'nb201|fbnet|ofa-mbv3')
    .requiredOption('--device <name>', 'a known device (see --list)')
    .option('--n <n>', 'architectures per profiling cell', '100')
    .option('--seed <seed>', 'random seed', '0')
    .option('--legacy-depth', "use the released code's depth rule (forced block often inactive)")
    .option('--out <dir>', 'write blocks.json and blocks-heatmap.svg here')
    .option('--list', 'list the devices of the space and exit')
    .option('--runtime <rt>', 'live only: ort or tfjs', 'ort')
    .option('--threads <n>', 'live only: intra-op threads', '1')
    .option('--repeats <n>', 'live only: timed runs per network', '10')
    .option('--json', 'print the profile as JSON')
    .action(
      async (opts: {
        space: string;
        device: string;
        n: string;
        seed: string;
        legacyDepth?: boolean;
        out?: string;
        list?: boolean;
        json?: boolean;
        runtime: string;
        threads: string;
        repeats: string;
      }) => {
        const space = parseSpace(opts.space, 'blocks');
        if (opts.list) {
          for (const d of listDevices(space)) ctx.out(`${d.name}\t${d.source}\t${d.unit}`);
          return;
        }
        const n = intOption('blocks', '--n', opts.n, 2);
        const seed = intOption('blocks', '--seed', opts.seed, -Infinity);
        const depthRule = opts.legacyDepth ? ('legacy' as const) : ('correct' as const);
        let p: {
          readonly sampling: BlockProfile;
          readonly regression: { readonly metric: string; readonly r2: number } | null;
        };
        if (opts.device === 'live') {
          if (space !== 'nb201')
            throw new CliUsageError(
              `cli.blocks: --device live builds networks for nb201 only so far; received --space ${space}`,
            );
          if (opts.runtime !== 'ort' && opts.runtime !== 'tfjs')
            throw new CliUsageError(`cli.blocks: Expected ort or tfjs for --runtime but received ${opts.runtime}`);
          const runtime = opts.runtime;
          const threads = Number(opts.threads);
          const repeats = Number(opts.repeats);
          if (!Number.isInteger(threads) || threads < 1 || !Number.isInteger(repeats) || repeats < 1) {
            throw new CliUsageError(
              `cli.blocks: Expected positive integers for --threads and --repeats but received ${opts.threads}, ${opts.repeats}`,
            );
          }
          const label = `live latency on this machine (ms, ${runtime}, ${threads} thread(s), median of ${repeats})`;
          const sampling = await blockProfileAsync(
            nb201Encoding,
            [{ name: 'latency', sense: 'min', label }],
            async (a) => [
              (
                await measureGraph(nb201Graph(nb201Encoding.format(a)), runtime, {
                  threads,
                  repeats,
                  warmup: 3,
                  maxWarmup: 20,
                })
              ).medianMs,
            ],
            { n, seed, depthRule, onProgress: (done, total) => ctx.err(`measured batch ${done}/${total}`) },
          );
          p = { sampling, regression: null };
        } else {
          p = profileDevice(space, opts.device, { n, seed, depthRule });
        }
        const s = p.sampling;
        const metric = s.metrics[0]!;
        if (opts.json) {
          ctx.out(JSON.stringify(p));
        } else {
          ctx.out(`${space} on ${opts.device}: ${metric.label}`);
          ctx.out(
            `baseline mean ${s.baseline[0]!.mean.toFixed(3)} ms (N=${s.n}, depth rule ${s.depthRule}); friendliness = forced mean − baseline (negative = faster)`,
          );
          ctx.out(['position', ...s.blocks].map((c) => c.padStart(14)).join(''));
          s.positions.forEach((pos, i) =>
            ctx.out([pos, ...s.friendliness[0]![i]!.map((v) => v.toFixed(3))].map((c) => c.padStart(14)).join('')),
          );
          ctx.out(['impact', ...s.placementImpact[0]!.map((v) => v.toFixed(3))].map((c) => c.padStart(14)).join(''));
          if (p.regression)
            ctx.out(`regression on the full table (${p.regression.metric}): R² ${p.regression.r2.toFixed(4)}`);
        }
        if (opts.out) {
          writeOutput(join(opts.out, 'blocks.json'), JSON.stringify(p, null, 1));
          const svg = heatmapChart(s.friendliness[0]!, s.positions, s.blocks, {
            title: `Friendliness on ${opts.device} (${space}): ${metric.label}`,
          });
          const files = writePlot(join(opts.out, 'blocks-heatmap.svg'), svg, { png: false });
          ctx.err(`wrote ${join(opts.out, 'blocks.json')}, ${files.join(', ')}`);
        }
      },
    );
}
