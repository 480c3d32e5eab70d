// Seeded graph sources for pretraining: one per design-space family in cg-core (each an ArchFamily:
// sample, encode, parse, toGraph). The key is the member's encoding, so duplicates share features
// and spectra.
import {
  fbnetFamily,
  nb101Family,
  nb201Family,
  nb301Family,
  ofaMbv3Family,
  ofaResnetFamily,
  proxylessFamily,
  type ArchFamily,
  type ComputationGraph,
} from '@cgnas/cg-core';
import type { Rng } from '@cgnas/native';

import { EncoderInputError } from '../errors.js';

export interface FamilySampler {
  readonly family: string;
  sample(rng: Rng): { readonly key: string; readonly graph: ComputationGraph };
  /** The graph of an encoded member (the family's own encoding: arch string, spec or genotype). */
  toGraph(arch: unknown): ComputationGraph;
}

function fromArchFamily<A>(family: ArchFamily<A>): FamilySampler {
  return {
    family: family.name,
    sample: (rng) => {
      const arch = family.sample(rng);
      return { key: family.encode(arch), graph: family.toGraph(arch) };
    },
    toGraph: (arch) => family.toGraph(family.parse(arch)),
  };
}

const SAMPLERS: ReadonlyMap<string, FamilySampler> = new Map(
  [nb101Family, nb201Family, nb301Family, ofaMbv3Family, ofaResnetFamily, proxylessFamily, fbnetFamily].map((f) => {
    const s = fromArchFamily<unknown>(f as ArchFamily<unknown>);
    return [s.family, s] as const;
  }),
);

/** Families that can be sampled for pretraining. */
export const PRETRAIN_FAMILIES: readonly string[] = [...SAMPLERS.keys()];

/** The sampler of `family`; EncoderInputError listing the known families otherwise. */
export function familySampler(family: string): FamilySampler {
  const s = SAMPLERS.get(family);
  if (!s) {
    throw new EncoderInputError(
      `encoder.familySampler: Expected one of ${PRETRAIN_FAMILIES.join(', ')} for family but received ${JSON.stringify(family)}`,
    );
  }
  return s;
}
