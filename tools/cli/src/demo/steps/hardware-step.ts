// Demo step 4: block friendliness on one HW-NAS-Bench device (Mills et al.'s forced-block profiling on
// NAS-Bench-201, blocks = the op on each cell edge), then NSGA-II in the reduced, original and
// random-control spaces at equal budgets on all four devices; heatmap and Pareto fronts for the first.
import { join } from 'node:path';

import { HW_NAS_BENCH_DEVICES, heatmapChart, nb201Reduction, type Nb201Reduction } from '@cgnas/hw-profiler';
import { scatterChart } from '@cgnas/search';

import { writePlot } from '../../util/write-output.js';
import type { DemoStep, DemoStepContext, DemoStepResult } from '../demo-runner.js';

/** The device whose heatmap and fronts the report shows. */
const SHOWN_DEVICE = 'pixel3';

export const hardwareStep: DemoStep = {
  id: 'hardware',
  title: '4. Hardware-friendly blocks and reduced design spaces',
  async run(ctx: DemoStepContext): Promise<DemoStepResult> {
    const seeds = Array.from({ length: ctx.full ? 25 : 10 }, (_, i) => ctx.seed + i);
    const budget = 100;
    const profileN = ctx.full ? 200 : 100;
    const devices = [SHOWN_DEVICE, ...HW_NAS_BENCH_DEVICES.filter((d) => d !== SHOWN_DEVICE)];
    const studies: Nb201Reduction[] = [];
    for (const [i, device] of devices.entries()) {
      ctx.progress(i / devices.length, `${device}: profiling and NSGA-II (${seeds.length} seeds)`);
      studies.push(nb201Reduction(device, { budget, seeds, profileN, profileSeed: ctx.seed, controlSeed: ctx.seed }));
      // nb201Reduction is synchronous: yield so the progress bar can redraw between devices.
      await new Promise((r) => setImmediate(r));
    }
    ctx.progress(1, 'plotting');

    const shown = studies[0]!;
    const p = shown.profile;
    const files: string[] = [];
    const heatmap = 'hardware-friendliness.svg';
    files.push(
      ...writePlot(
        join(ctx.outDir, heatmap),
        heatmapChart(p.friendliness[0]!, p.positions, p.blocks, {
          title: `${SHOWN_DEVICE}: latency friendliness (forced mean − baseline, ms; negative = faster)`,
        }),
      ),
    );
    const fronts = 'hardware-pareto.svg';
    files.push(
      ...writePlot(
        join(ctx.outDir, fronts),
        scatterChart(
          shown.results.map((v) => ({
            name: `${v.variant} (${v.size} cells, HV ${v.hypervolume.toFixed(4)})`,
            points: v.front,
          })),
          {
            title: `NB-201 on ${SHOWN_DEVICE}: NSGA-II Pareto fronts, budget ${budget} (seed ${seeds[0]})`,
            xLabel: `latency on ${SHOWN_DEVICE} (ms, HW-NAS-Bench)`,
            yLabel: 'CIFAR-10 test accuracy (%)',
          },
        ),
      ),
    );

    const hv = (s: Nb201Reduction, variant: string) => s.results.find((v) => v.variant === variant)!.hypervolume;
    let wins = 0;
    const rows = studies.map((s) => {
      const [r, o, c] = [hv(s, 'reduced'), hv(s, 'original'), hv(s, 'control')];
      const win = r > o && r > c;
      if (win) wins++;
      const size = s.results.find((v) => v.variant === 'reduced')!.size;
      return `| ${s.device} | ${size} | ${r.toFixed(4)} | ${o.toFixed(4)} | ${c.toFixed(4)} | ${win ? 'yes' : 'no'} |`;
    });
    ctx.log(`  reduced space beats original and control on ${wins}/${studies.length} devices`);

    const ops = (b: readonly number[]) => b.map((i) => p.blocks[i]).join(', ');
    const markdown = [
      `Block profiling on **${SHOWN_DEVICE}** (HW-NAS-Bench latencies): a random baseline of ${p.n} NB-201 cells, then for each (edge, op) ${p.n} fresh cells with that op forced on that edge. Friendliness = forced mean − baseline mean (${p.metrics[0]!.label}); placement impact = its spread across edges.`,
      '',
      '| edge | kept ops after reduction |',
      '|---|---|',
      ...p.positions.map((pos, i) => `| ${pos} | ${ops(shown.reduced[i]!)} |`),
      '',
      `NSGA-II (accuracy vs latency) with ${budget} evaluations per run, ${seeds.length} seeds; hypervolume of the normalised front, mean over seeds:`,
      '',
      '| device | reduced size | HV reduced | HV original | HV random control | reduced best |',
      '|---|---:|---:|---:|---:|---|',
      ...rows,
      '',
      `![friendliness](${heatmap})`,
      '',
      `![pareto fronts](${fronts})`,
    ].join('\n');
    return {
      markdown,
      summary: `reduced space has the best hypervolume on ${wins}/${studies.length} HW-NAS-Bench devices`,
      files: files.map((f) => f.slice(ctx.outDir.length + 1)),
    };
  },
};
