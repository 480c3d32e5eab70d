// Regularized (aging) evolution, Real et al., AAAI 2019, Alg. 1: a population of P is seeded at
// random; each cycle the best of S random members is mutated, the child joins and the oldest dies.
import type { Rng } from '@cgnas/native';

import { SearchInputError } from '../errors.js';
import type { SearchSpace } from '../space/search-space.js';
import type { Strategy } from './strategy.js';

export interface ReaStrategyOptions {
  readonly population?: number;
  readonly tournament?: number;
  /** Children proposed per round (1 = the paper's sequential loop). */
  readonly batchSize?: number;
  /** Sense of objective 0 (the fitness). */
  readonly sense?: 'max' | 'min';
}

export const REA_STRATEGY_DEFAULTS: Required<ReaStrategyOptions> = {
  population: 100,
  tournament: 25,
  batchSize: 1,
  sense: 'max',
};

export function reaStrategy<A>(space: SearchSpace<A>, rng: Rng, options: ReaStrategyOptions = {}): Strategy<A> {
  const o = { ...REA_STRATEGY_DEFAULTS, ...options };
  for (const key of ['population', 'tournament', 'batchSize'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) {
      throw new SearchInputError(`search.reaStrategy: Expected a positive integer for ${key} but received ${o[key]}`);
    }
  }
  if (o.tournament > o.population) {
    throw new SearchInputError(
      `search.reaStrategy: Expected tournament <= population but received ${o.tournament} > ${o.population}`,
    );
  }
  const sign = o.sense === 'max' ? 1 : -1;
  // Oldest first; `seeded` counts the random initial members proposed so far.
  const population: { arch: A; fitness: number }[] = [];
  let seeded = 0;
  return {
    name: 'rea',
    rng,
    ask(max) {
      const n = Math.min(max, o.batchSize);
      if (seeded < o.population) {
        const k = Math.min(n, o.population - seeded);
        seeded += k;
        return Array.from({ length: k }, () => space.sample(rng));
      }
      if (population.length === 0) return [space.sample(rng)];
      return Array.from({ length: n }, () => {
        // The tournament is a random subset (without replacement), as in the paper.
        const picks = rng.sampleIndices(population.length, Math.min(o.tournament, population.length));
        let parent = population[picks[0]!]!;
        for (const i of picks) if (sign * (population[i]!.fitness - parent.fitness) > 0) parent = population[i]!;
        return space.mutate(parent.arch, rng);
      });
    },
    tell(results) {
      for (const r of results) {
        if (!r.objectives) continue;
        population.push({ arch: r.arch, fitness: r.objectives[0]! });
        if (population.length > o.population) population.shift();
      }
    },
  };
}
