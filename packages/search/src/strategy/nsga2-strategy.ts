// NSGA-II (Deb, Pratap, Agarwal & Meyarivan, IEEE TEC 2002): binary tournaments on (front rank,
// crowding distance), crossover + mutation to make N offspring, and elitist environmental selection
// over parents ∪ offspring by non-dominated fronts, the last front cut by crowding distance.
import type { Rng } from '@cgnas/native';

import { SearchInputError } from '../errors.js';
import { crowdingDistance } from '../mo/crowding-distance.js';
import { nonDominatedSort } from '../mo/non-dominated-sort.js';
import type { SearchSpace } from '../space/search-space.js';
import type { ObjectiveSpec } from './search-events.js';
import type { Strategy } from './strategy.js';

export interface Nsga2StrategyOptions {
  readonly population?: number;
  /** Probability that an offspring comes from crossover (else it is a copy of one parent). */
  readonly crossoverRate?: number;
  /** Resamples per offspring when it repeats an evaluated arch. */
  readonly retries?: number;
}

export const NSGA2_STRATEGY_DEFAULTS: Required<Nsga2StrategyOptions> = {
  population: 24,
  crossoverRate: 0.9,
  retries: 20,
};

interface Member<A> {
  readonly arch: A;
  readonly hash: string;
  /** Minimisation vector. */
  readonly f: readonly number[];
  rank: number;
  crowd: number;
}

/** Ranks and crowding distances of `pool`, and the best `n` of it (elitist selection). */
function select<A>(pool: Member<A>[], n: number): Member<A>[] {
  const fronts = nonDominatedSort(pool.map((m) => m.f));
  const out: Member<A>[] = [];
  fronts.forEach((front, rank) => {
    const d = crowdingDistance(front.map((i) => pool[i]!.f));
    front.forEach((i, j) => {
      pool[i]!.rank = rank;
      pool[i]!.crowd = d[j]!;
    });
    if (out.length >= n) return;
    const members = front.map((i) => pool[i]!);
    if (out.length + members.length <= n) out.push(...members);
    else out.push(...members.sort((a, b) => b.crowd - a.crowd).slice(0, n - out.length));
  });
  return out;
}

export function nsga2Strategy<A>(
  space: SearchSpace<A>,
  objectives: readonly ObjectiveSpec[],
  rng: Rng,
  options: Nsga2StrategyOptions = {},
): Strategy<A> {
  const o = { ...NSGA2_STRATEGY_DEFAULTS, ...options };
  if (!Number.isInteger(o.population) || o.population < 2) {
    throw new SearchInputError(
      `search.nsga2Strategy: Expected an integer >= 2 for population but received ${o.population}`,
    );
  }
  if (!(o.crossoverRate >= 0 && o.crossoverRate <= 1)) {
    throw new SearchInputError(
      `search.nsga2Strategy: Expected a probability for crossoverRate but received ${o.crossoverRate}`,
    );
  }
  const toMin = (v: readonly number[]): number[] => v.map((x, k) => (objectives[k]!.sense === 'max' ? -x : x));
  let parents: Member<A>[] = [];
  let started = false;

  const better = (a: Member<A>, b: Member<A>): Member<A> =>
    a.rank < b.rank || (a.rank === b.rank && a.crowd > b.crowd) ? a : b;
  const tournament = (): Member<A> => better(parents[rng.int(parents.length)]!, parents[rng.int(parents.length)]!);

  return {
    name: 'nsga2',
    rng,
    ask(max, isKnown) {
      const n = Math.min(max, o.population);
      if (!started || parents.length < 2) {
        started = true;
        const seen = new Set<string>();
        return Array.from({ length: n }, () => {
          let a = space.sample(rng);
          for (let t = 0; t < o.retries && (isKnown(space.hash(a)) || seen.has(space.hash(a))); t++)
            a = space.sample(rng);
          seen.add(space.hash(a));
          return a;
        });
      }
      const seen = new Set<string>();
      return Array.from({ length: n }, () => {
        let child = parents[0]!.arch;
        for (let t = 0; t <= o.retries; t++) {
          const p = tournament();
          child = rng.float() < o.crossoverRate ? space.crossover(p.arch, tournament().arch, rng) : p.arch;
          child = space.mutate(child, rng);
          const h = space.hash(child);
          if (!isKnown(h) && !seen.has(h)) break;
        }
        seen.add(space.hash(child));
        return child;
      });
    },
    tell(results) {
      const pool = parents.slice();
      const inPool = new Set(pool.map((m) => m.hash));
      for (const r of results) {
        if (!r.objectives || r.objectives.some((v) => !Number.isFinite(v)) || inPool.has(r.hash)) continue;
        inPool.add(r.hash);
        pool.push({ arch: r.arch, hash: r.hash, f: toMin(r.objectives), rank: 0, crowd: 0 });
      }
      parents = select(pool, o.population);
      // Tournament keys must describe the survivors among themselves.
      select(parents, o.population);
    },
  };
}
