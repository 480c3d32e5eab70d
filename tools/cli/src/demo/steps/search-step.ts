// Demo step 3: predictor-guided evolution against regularized evolution and random search on
// NB-201 (CIFAR-10 test accuracy, the tabular oracle), over several seeds; best-so-far vs queries.
import { join } from 'node:path';

import { loadNb201 } from '@cgnas/cg-core';
import { createRun, lineChart, parseObjective, type SearchEvent } from '@cgnas/search';
import { lastValueFrom, toArray } from 'rxjs';

import { writePlot } from '../../util/write-output.js';
import type { DemoStep, DemoStepContext, DemoStepResult } from '../demo-runner.js';

const STRATEGIES = ['predictor', 'rea', 'random'] as const;

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Best accuracy after each paid query (index q-1 = after q queries). */
function bestSoFar(events: readonly SearchEvent[], budget: number): number[] {
  const curve: number[] = [];
  let best = -Infinity;
  for (const e of events) {
    if (e.type !== 'evaluated' || e.cached || e.objectives === null) continue;
    best = Math.max(best, e.objectives[0]!);
    curve.push(best);
  }
  while (curve.length < budget) curve.push(best);
  return curve.slice(0, budget);
}

export const searchStep: DemoStep = {
  id: 'search',
  title: '3. Predictor-guided search on NB-201',
  async run(ctx: DemoStepContext): Promise<DemoStepResult> {
    const budget = 150;
    const seeds = ctx.full ? 25 : 5;
    const optimum = Math.max(...loadNb201().map((r) => r.cifar10TestAcc));
    const rows: string[] = [];
    const series: { name: string; points: (readonly [number, number])[] }[] = [];
    let done = 0;
    for (const strategy of STRATEGIES) {
      const curves: number[][] = [];
      for (let seed = ctx.seed; seed < ctx.seed + seeds; seed++) {
        const run = createRun({
          space: 'nb201',
          strategy,
          seed,
          budget,
          objectives: [parseObjective('acc')],
          settings: { dataset: 'cifar10', metric: 'test' },
        });
        curves.push(bestSoFar(await lastValueFrom(run.events.pipe(toArray())), budget));
        ctx.progress(++done / (STRATEGIES.length * seeds), `${strategy} seed ${seed}`);
      }
      const toOptimum = curves.map((c) => {
        const q = c.findIndex((v) => v >= optimum - 1e-9);
        return q < 0 ? Infinity : q + 1;
      });
      const medianCurve = Array.from({ length: budget }, (_, q) => median(curves.map((c) => c[q]!)));
      series.push({ name: strategy, points: medianCurve.map((v, q) => [q + 1, v] as const) });
      const med = median(toOptimum);
      rows.push(
        `| ${strategy} | ${Number.isFinite(med) ? med : `> ${budget}`} | ${toOptimum.filter(Number.isFinite).length}/${seeds} | ${medianCurve[89]!.toFixed(2)} | ${medianCurve[budget - 1]!.toFixed(2)} |`,
      );
      ctx.log(
        `  ${strategy.padEnd(10)} median queries to optimum ${Number.isFinite(med) ? med : `> ${budget}`}, best@150 ${medianCurve[budget - 1]!.toFixed(2)}`,
      );
    }
    const plot = 'search-best-so-far.svg';
    const files = writePlot(
      join(ctx.outDir, plot),
      lineChart(series, {
        title: `NB-201 CIFAR-10: median best-so-far over ${seeds} seeds (optimum ${optimum.toFixed(2)})`,
        xLabel: 'queries to the oracle',
        yLabel: 'best test accuracy (%)',
        step: true,
        width: 720,
        height: 440,
      }),
    );
    const markdown = [
      `Each strategy gets ${budget} queries to the NB-201 tabular oracle (CIFAR-10 test accuracy; optimum ${optimum.toFixed(2)} %), ${seeds} seeds. The predictor-guided strategy spends real queries only on its surrogate's top candidates.`,
      '',
      '| strategy | median queries to optimum | runs that found it | median best @ 90 | median best @ 150 |',
      '|---|---:|---:|---:|---:|',
      ...rows,
      '',
      `![best so far](${plot})`,
    ].join('\n');
    return {
      markdown,
      summary: rows[0]!.split('|')[2]!.trim() + ' median queries to the optimum (predictor-guided)',
      files: files.map((f) => f.slice(ctx.outDir.length + 1)),
    };
  },
};
