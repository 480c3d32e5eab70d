// Predictor-guided evolution (the search of the transferable-predictor papers, e.g. GENNAPE): the
// best architectures so far are mutated into many candidates, a surrogate ranks them, and real
// evaluations are spent only on the top few; the surrogate is refitted as labels arrive.
import type { Rng } from '@cgnas/native';
import { from, map, toArray, type Observable } from 'rxjs';

import { SearchInputError } from '../errors.js';
import type { Prediction, Predictor } from '../predictor/predictor.js';
import { batchService } from '../rx/batch-service.js';
import type { SearchSpace } from '../space/search-space.js';
import type { Strategy } from './strategy.js';

export interface PredictorStrategyOptions<A> {
  /** Random architectures evaluated before the first fit. */
  readonly initial?: number;
  /** Evaluations spent per round (the predictor's top picks). */
  readonly batchSize?: number;
  /** Best evaluated architectures that are mutated into candidates. */
  readonly parents?: number;
  /** Mutants per parent (1 or 2 mutation steps). */
  readonly mutantsPerParent?: number;
  /** Uniform random candidates per round (keeps the search from tunnelling). */
  readonly randomCandidates?: number;
  /**
   * Every `localEvery`-th round picks only among the incumbent's one-step neighbours (a local-search
   * step that the surrogate orders), so the best arch's neighbourhood is eventually exhausted even
   * when the surrogate undervalues it; 0 disables.
   */
  readonly localEvery?: number;
  /** Acquisition = mean + kappa·std (when the predictor reports std). */
  readonly kappa?: number;
  /** Candidates per predict() call. */
  readonly predictBatch?: number;
  readonly sense?: 'max' | 'min';
  /**
   * Random candidates the initial design is picked from by greedy max-min distance (a space-filling
   * design, so the first fit sees every region); 0 takes the first `initial` random samples.
   */
  readonly initialPool?: number;
  /** Distance for the space-filling design; default L1 between feature vectors. */
  readonly distance?: (a: A, b: A) => number;
  /** Optional initial design (e.g. picked by a training-free proxy); replaces the built-in one. */
  readonly initialDesign?: (rng: Rng, n: number) => readonly A[];
  /** Optional exhaustive neighbourhood (all one-step mutants) for spaces small enough to list it. */
  readonly neighbours?: (arch: A) => readonly A[];
}

export const PREDICTOR_STRATEGY_DEFAULTS = {
  initial: 10,
  initialPool: 300,
  batchSize: 1,
  parents: 8,
  mutantsPerParent: 40,
  randomCandidates: 200,
  kappa: 1,
  localEvery: 2,
  predictBatch: 512,
  sense: 'max',
} as const;

export function predictorStrategy<A>(
  space: SearchSpace<A>,
  predictor: Predictor<A>,
  rng: Rng,
  options: PredictorStrategyOptions<A> = {},
): Strategy<A> {
  const o = { ...PREDICTOR_STRATEGY_DEFAULTS, ...options };
  if (!Number.isInteger(o.initialPool) || o.initialPool < 0) {
    throw new SearchInputError(
      `search.predictorStrategy: Expected a non-negative integer for initialPool but received ${o.initialPool}`,
    );
  }
  for (const key of ['initial', 'batchSize', 'parents', 'predictBatch'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) {
      throw new SearchInputError(
        `search.predictorStrategy: Expected a positive integer for ${key} but received ${o[key]}`,
      );
    }
  }
  const sign = o.sense === 'max' ? 1 : -1;
  const labelled: { arch: A; hash: string; y: number }[] = [];
  let initialised = false;

  let round = 0;

  const l1 = (a: A, b: A): number => {
    const fa = space.features(a);
    const fb = space.features(b);
    let d = 0;
    for (let i = 0; i < fa.length; i++) d += Math.abs(fa[i]! - fb[i]!);
    return d;
  };

  const spaceFilling = (n: number): A[] => {
    const pool = Array.from({ length: Math.max(n, o.initialPool) }, () => space.sample(rng));
    if (o.initialPool === 0) return pool.slice(0, n);
    const distance = o.distance ?? l1;
    const chosen = [pool[0]!];
    const nearest = pool.map((p) => distance(p, pool[0]!));
    while (chosen.length < n) {
      let pick = 0;
      for (let i = 1; i < pool.length; i++) if (nearest[i]! > nearest[pick]!) pick = i;
      chosen.push(pool[pick]!);
      pool.forEach((p, i) => (nearest[i] = Math.min(nearest[i]!, distance(p, pool[pick]!))));
    }
    return chosen;
  };

  const localCandidates = (isKnown: (h: string) => boolean): A[] => {
    const best = labelled.reduce((p, q) => (sign * (q.y - p.y) > 0 ? q : p));
    const pool = new Map<string, A>();
    const add = (a: A): void => {
      const h = space.hash(a);
      if (!isKnown(h) && !pool.has(h)) pool.set(h, a);
    };
    const step = (a: A): readonly A[] =>
      o.neighbours ? o.neighbours(a) : Array.from({ length: o.mutantsPerParent }, () => space.mutate(a, rng));
    const ring1 = step(best.arch);
    ring1.forEach(add);
    // Once the one-step ring is exhausted the radius grows to two steps: escapes from a local optimum
    // usually need two coordinated edge changes.
    if (pool.size === 0) for (const a of ring1) step(a).forEach(add);
    return [...pool.values()];
  };

  const candidates = (isKnown: (h: string) => boolean): A[] => {
    const pool = new Map<string, A>();
    const add = (a: A): void => {
      const h = space.hash(a);
      if (!isKnown(h) && !pool.has(h)) pool.set(h, a);
    };
    const top = labelled
      .slice()
      .sort((p, q) => sign * (q.y - p.y))
      .slice(0, o.parents);
    for (const p of top) {
      if (o.neighbours) for (const nb of o.neighbours(p.arch)) add(nb);
      for (let i = 0; i < o.mutantsPerParent; i++) {
        let child = space.mutate(p.arch, rng);
        if (rng.float() < 0.5) child = space.mutate(child, rng);
        add(child);
      }
    }
    for (let i = 0; i + 1 < top.length && i < o.parents; i += 2)
      add(space.crossover(top[i]!.arch, top[i + 1]!.arch, rng));
    for (let i = 0; i < o.randomCandidates; i++) add(space.sample(rng));
    return [...pool.values()];
  };

  return {
    name: 'predictor',
    rng,
    ask(max, isKnown): readonly A[] | Observable<readonly A[]> | Promise<readonly A[]> {
      if (!initialised) {
        initialised = true;
        const n = Math.min(max, o.initial);
        return o.initialDesign ? o.initialDesign(rng, n).slice(0, n) : spaceFilling(n);
      }
      if (labelled.length < 2) return [space.sample(rng)];
      round++;
      const local = o.localEvery > 0 && round % o.localEvery === 0 ? localCandidates(isKnown) : [];
      const pool = local.length > 0 ? local : candidates(isKnown);
      if (pool.length === 0) return [];
      const k = Math.min(max, o.batchSize, pool.length);
      const fit = Promise.resolve(
        predictor.fit(
          labelled.map((l) => l.arch),
          labelled.map((l) => l.y),
        ),
      );
      return fit.then(
        () =>
          new Promise<readonly A[]>((resolve, reject) => {
            from(pool)
              .pipe(
                batchService(
                  (batch: readonly A[]) =>
                    predictor.predict(batch) as readonly Prediction[] | Promise<readonly Prediction[]>,
                  {
                    batchSize: o.predictBatch,
                    concurrency: 1,
                  },
                ),
                toArray(),
                map((scored) =>
                  scored
                    .map(({ input, result }, i) => ({
                      input,
                      i,
                      score: result instanceof Error ? -Infinity : sign * result.mean + o.kappa * (result.std ?? 0),
                    }))
                    .sort((p, q) => q.score - p.score || p.i - q.i)
                    .slice(0, k)
                    .map((s) => s.input),
                ),
              )
              .subscribe({ next: resolve, error: reject });
          }),
      );
    },
    tell(results) {
      for (const r of results) {
        if (!r.objectives || !Number.isFinite(r.objectives[0]!)) continue;
        if (labelled.some((l) => l.hash === r.hash)) continue;
        labelled.push({ arch: r.arch, hash: r.hash, y: r.objectives[0]! });
      }
    },
  };
}
