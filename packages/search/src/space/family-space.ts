// Adapts a cg-core ArchFamily (parse, encode, sample, mutate, toGraph) to the search-space contract by
// adding what search needs on top: crossover, an isomorphism hash and surrogate features.
import type { Rng } from '@cgnas/native';
import type { ArchFamily, ComputationGraph } from '@cgnas/cg-core';

import { SearchInputError } from '../errors.js';
import type { SearchSpace } from './search-space.js';

export interface FamilyExtras<A> {
  readonly featureSize: number;
  features(arch: A): Float64Array;
  crossover(a: A, b: A, rng: Rng): A;
  /** Defaults to the family's encoding (for families without equivalent encodings). */
  hash?(arch: A): string;
}

export function familySpace<A>(family: ArchFamily<A>, extras: FamilyExtras<A>): SearchSpace<A> {
  return {
    name: family.name,
    featureSize: extras.featureSize,
    sample: (rng) => family.sample(rng),
    mutate: (arch, rng) => family.mutate(arch, rng),
    crossover: (a, b, rng) => extras.crossover(a, b, rng),
    hash: (arch) => (extras.hash ? extras.hash(arch) : family.encode(arch)),
    encode: (arch) => family.encode(arch),
    decode(text): A {
      try {
        return family.parse(text);
      } catch (e) {
        throw new SearchInputError(`search.${family.name}Space.decode: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    features: (arch) => extras.features(arch),
    toGraph: (arch): ComputationGraph => family.toGraph(arch),
  };
}
