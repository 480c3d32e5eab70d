// Random search (Bergstra & Bengio 2012; the NAS baseline of Li & Talwalkar 2019): uniform samples,
// skipping isomorphism classes already evaluated.
import type { Rng } from '@cgnas/native';

import { SearchInputError } from '../errors.js';
import type { SearchSpace } from '../space/search-space.js';
import type { Strategy } from './strategy.js';

export interface RandomStrategyOptions {
  /** Candidates proposed per round. */
  readonly batchSize?: number;
  /** Resamples per candidate before accepting a known arch. */
  readonly retries?: number;
}

export const RANDOM_STRATEGY_DEFAULTS: Required<RandomStrategyOptions> = { batchSize: 1, retries: 50 };

export function randomStrategy<A>(space: SearchSpace<A>, rng: Rng, options: RandomStrategyOptions = {}): Strategy<A> {
  const o = { ...RANDOM_STRATEGY_DEFAULTS, ...options };
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) {
    throw new SearchInputError(
      `search.randomStrategy: Expected a positive integer for batchSize but received ${o.batchSize}`,
    );
  }
  return {
    name: 'random',
    rng,
    ask(max, isKnown) {
      const out: A[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < Math.min(max, o.batchSize); i++) {
        let a = space.sample(rng);
        for (let t = 0; t < o.retries && (isKnown(space.hash(a)) || seen.has(space.hash(a))); t++)
          a = space.sample(rng);
        seen.add(space.hash(a));
        out.push(a);
      }
      return out;
    },
    tell() {},
  };
}
