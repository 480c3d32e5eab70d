// NAS-Bench-301 / DARTS as an ArchFamily; the native encoding is the genotype JSON of the data files
// (normal, normal_concat, reduce, reduce_concat).
import type { ArchFamily } from '../mobile/arch-family.js';
import { ArchError } from '../arch-error.js';
import { parseDartsGenotype, type DartsGenotype } from './darts-genotype.js';
import { nb301Graph } from './nb301-graph.js';
import { mutateNb301, sampleNb301 } from './nb301-space.js';

function parse(encoded: unknown): DartsGenotype {
  let value = encoded;
  if (typeof encoded === 'string') {
    try {
      value = JSON.parse(encoded);
    } catch {
      throw new ArchError(`cg-core.nb301Family.parse: Expected genotype JSON but received ${encoded.slice(0, 120)}`);
    }
  }
  const r = (value ?? {}) as Record<string, unknown>;
  return parseDartsGenotype({
    normal: r.normal,
    normal_concat: r.normal_concat,
    reduce: r.reduce,
    reduce_concat: r.reduce_concat,
  });
}

export const nb301Family: ArchFamily<DartsGenotype> = {
  name: 'nb301',
  parse,
  encode: (g) => JSON.stringify(g),
  toGraph: (g) => nb301Graph(g),
  sample: (rng) => sampleNb301(rng),
  mutate: (g, rng) => mutateNb301(g, rng),
};
