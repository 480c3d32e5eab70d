// Seeded uniform sampling and the single-edge mutation neighbourhood of the NAS-Bench-201 space
// (5^6 = 15,625 cells), as used by regularized evolution and local search on NB-201 (NASLib `nasbench201`).
import type { Rng } from '@cgnas/native';

import { formatNb201Arch, NB201_OPS, parseNb201Arch, type Nb201Arch, type Nb201Op } from './nb201-arch.js';

/** A uniformly random NB-201 arch string. */
export function sampleNb201(rng: Rng): string {
  const ops: Nb201Op[] = [];
  for (let e = 0; e < 6; e++) ops.push(rng.choice(NB201_OPS));
  return formatNb201Arch(ops as unknown as Nb201Arch);
}

/** All 24 arch strings that differ from `archStr` in exactly one edge op, in (edge, op) order. */
export function nb201Neighbours(archStr: string): string[] {
  const arch = parseNb201Arch(archStr);
  const out: string[] = [];
  for (let e = 0; e < 6; e++) {
    for (const op of NB201_OPS) {
      if (op === arch[e]) continue;
      const next = arch.slice() as Nb201Op[];
      next[e] = op;
      out.push(formatNb201Arch(next as unknown as Nb201Arch));
    }
  }
  return out;
}

/** One uniformly chosen single-edge mutation of `archStr`. */
export function mutateNb201(archStr: string, rng: Rng): string {
  return rng.choice(nb201Neighbours(archStr));
}
