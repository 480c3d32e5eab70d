// `npm run bench -- search`: NB-201 CIFAR-10 (test accuracy, optimum 94.37) over 25 seeds for random
// search, REA and predictor-guided evolution; NSGA-II vs random hypervolume (accuracy vs Pixel 3
// latency); and the RxJS pipeline's own overhead per candidate with a zero-cost evaluator.
import { Rng } from '@cgnas/native';
import {
  createNb201Run,
  nb201Oracle,
  randomStrategy,
  runSearch,
  type RunConfig,
  type SearchEvent,
  type SearchSpace,
} from '@cgnas/search';
import { lastValueFrom, reduce, toArray } from 'rxjs';

import { emit } from '../../../scripts/bench-util.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SEEDS = arg('seeds', 25);
const BUDGET = 150;
const MO_SEEDS = arg('mo-seeds', 10);

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

async function singleObjective(strategy: string): Promise<void> {
  const optimum = nb201Oracle(['acc']).optimum();
  const toOptimum: number[] = [];
  const at90: number[] = [];
  const at150: number[] = [];
  const t0 = performance.now();
  for (let seed = 0; seed < SEEDS; seed++) {
    const config: RunConfig = {
      space: 'nb201',
      strategy,
      seed,
      budget: BUDGET,
      objectives: [{ name: 'acc', sense: 'max' }],
      settings: {},
    };
    const events = await lastValueFrom(createNb201Run(config).events.pipe(toArray()));
    let best = -Infinity;
    let hit = Infinity;
    for (const e of events) {
      if (e.type !== 'evaluated' || e.cached || !e.objectives) continue;
      best = Math.max(best, e.objectives[0]!);
      if (e.queries === 90) at90.push(best);
      if (best >= optimum && hit === Infinity) hit = e.queries;
    }
    if (at90.length < seed + 1) at90.push(best);
    at150.push(best);
    toOptimum.push(hit);
  }
  const med = median(toOptimum);
  emit({
    bench: 'search',
    space: 'nb201',
    strategy,
    seeds: SEEDS,
    budget: BUDGET,
    // null when fewer than half the seeds reached the optimum within the budget.
    median_queries_to_optimum: Number.isFinite(med) ? med : null,
    reached_optimum: toOptimum.filter(Number.isFinite).length,
    best_at_90: round(mean(at90)),
    best_at_150: round(mean(at150)),
    seconds: round((performance.now() - t0) / 1000, 1),
  });
}

async function hypervolumes(): Promise<void> {
  const result: Record<string, number> = {};
  for (const strategy of ['nsga2', 'random']) {
    const hv: number[] = [];
    for (let seed = 0; seed < MO_SEEDS; seed++) {
      const config: RunConfig = {
        space: 'nb201',
        strategy,
        seed,
        budget: BUDGET,
        objectives: [
          { name: 'acc', sense: 'max' },
          { name: 'latency:pixel3', sense: 'min' },
        ],
        settings: { batchSize: 24 },
      };
      const done = await lastValueFrom(createNb201Run(config).events);
      if (done.type === 'done' && done.hypervolume !== null) hv.push(done.hypervolume);
    }
    result[strategy] = mean(hv);
  }
  emit({
    bench: 'search',
    space: 'nb201',
    kind: 'hypervolume',
    objectives: 'acc,latency:pixel3',
    seeds: MO_SEEDS,
    budget: BUDGET,
    hv_nsga2: round(result.nsga2!, 4),
    hv_random: round(result.random!, 4),
  });
}

/** A space of integers whose operations cost next to nothing, so the measurement is the pipeline's. */
const counterSpace: SearchSpace<number> = {
  name: 'counter',
  featureSize: 1,
  sample: (rng) => rng.nextUint32(),
  mutate: (a) => a + 1,
  crossover: (a) => a,
  hash: (a) => String(a),
  encode: (a) => String(a),
  decode: (s) => Number(s),
  features: (a) => Float64Array.of(a),
  toGraph: () => {
    throw new Error('counter space has no graph');
  },
};

async function overhead(): Promise<void> {
  const n = 200_000;
  const zero = (batch: readonly number[]): readonly (readonly number[])[] => batch.map(() => [0]);
  // CPU time of this process is the pipeline's cost even when other jobs share the cores; wall time is
  // reported beside it.
  const run = async (): Promise<{ cpu: number; wall: number }> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const events = runSearch(
      counterSpace,
      randomStrategy(counterSpace, new Rng(1), { batchSize: 64, retries: 0 }),
      zero,
      {
        budget: n,
        objectives: [{ name: 'acc', sense: 'max' }],
        batchSize: 64,
      },
    );
    const count = await lastValueFrom(events.pipe(reduce((c: number, _e: SearchEvent) => c + 1, 0)));
    if (count < 2 * n) throw new Error(`expected at least ${2 * n} events, got ${count}`);
    const wall = ((performance.now() - t0) * 1000) / n;
    const used = process.cpuUsage(c0);
    return { cpu: (used.user + used.system) / n, wall };
  };
  await run(); // warm-up: let the JIT settle
  await run();
  const samples = [await run(), await run(), await run()];
  emit({
    bench: 'search',
    kind: 'overhead',
    candidates: n,
    batch: 64,
    us_per_candidate: round(median(samples.map((s) => s.cpu)), 2),
    wall_us_per_candidate: round(median(samples.map((s) => s.wall)), 2),
  });
}

const only = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!only || only === 'overhead') await overhead();
if (!only || only === 'strategies') for (const s of ['random', 'rea', 'predictor']) await singleObjective(s);
if (!only || only === 'hypervolume') await hypervolumes();
