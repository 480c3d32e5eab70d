// The NB-101 and NB-301 spaces restricted to the embedded NASLib samples (all their oracles know).
import { loadNb101Sample, loadNb301Sample } from '@cgnas/cg-core';

import { nb101Codec, type Nb101Arch } from './nb101-codec.js';
import { nb301Codec, type Nb301Arch } from './nb301-codec.js';
import { RestrictedSpace } from './restricted-space.js';

export function nb101SampleSpace(): RestrictedSpace<Nb101Arch> {
  return new RestrictedSpace(
    nb101Codec,
    loadNb101Sample().map((r) => ({ matrix: r.matrix, ops: r.ops })),
  );
}

export function nb301SampleSpace(): RestrictedSpace<Nb301Arch> {
  return new RestrictedSpace(
    nb301Codec,
    loadNb301Sample().map((r) => ({ normal: r.normal, reduce: r.reduce })),
  );
}
