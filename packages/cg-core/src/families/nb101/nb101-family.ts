// NAS-Bench-101 as an ArchFamily; the native encoding is the `{matrix, ops}` JSON of the data files.
import type { ArchFamily } from '../mobile/arch-family.js';
import { ArchError } from '../arch-error.js';
import { nb101Graph } from './nb101-graph.js';
import { mutateNb101, sampleNb101 } from './nb101-space.js';
import { pruneNb101, type Nb101Spec } from './nb101-spec.js';

function parse(encoded: unknown): Nb101Spec {
  let value = encoded;
  if (typeof encoded === 'string') {
    try {
      value = JSON.parse(encoded);
    } catch {
      throw new ArchError(
        `cg-core.nb101Family.parse: Expected JSON {"matrix": [[...]], "ops": [...]} but received ${encoded.slice(0, 120)}`,
      );
    }
  }
  const { matrix, ops } = (value ?? {}) as { matrix?: unknown; ops?: unknown };
  const spec = { matrix, ops } as Nb101Spec;
  pruneNb101(spec); // validates; throws ArchError
  return { matrix: spec.matrix.map((row) => row.map(Number)), ops: spec.ops.slice() };
}

export const nb101Family: ArchFamily<Nb101Spec> = {
  name: 'nb101',
  parse,
  encode: (spec) => JSON.stringify({ matrix: spec.matrix, ops: spec.ops }),
  toGraph: (spec) => nb101Graph(spec),
  sample: (rng) => sampleNb101(rng),
  mutate: (spec, rng) => mutateNb101(spec, rng),
};
