// Seeded sampling and mutation of NAS-Bench-101 cells the benchmark's own way (nasbench API examples, NASLib
// `nasbench101`): random 7-vertex upper-triangular matrices with p = 1/2 and random ops, rejected until valid;
// neighbours flip one edge or change one interior op and stay valid.
import type { Rng } from '@cgnas/native';

import { isValidNb101, NB101_MAX_VERTICES, NB101_OPS, pruneNb101, type Nb101Spec } from './nb101-spec.js';

/** A uniformly random valid 7-vertex NB-101 spec (unpruned, as the NB-101 API samples it). */
export function sampleNb101(rng: Rng): Nb101Spec {
  const n = NB101_MAX_VERTICES;
  for (;;) {
    const matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j > i ? rng.int(2) : 0)));
    const ops = ['input', ...Array.from({ length: n - 2 }, () => rng.choice(NB101_OPS)), 'output'];
    const spec = { matrix, ops };
    if (isValidNb101(spec)) return spec;
  }
}

/** Every valid spec one edge flip or one op change away from `spec` (after pruning), in a fixed order. */
export function nb101Neighbours(spec: Nb101Spec): Nb101Spec[] {
  const base = pruneNb101(spec);
  const n = base.matrix.length;
  const out: Nb101Spec[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const matrix = base.matrix.map((row) => row.slice());
      matrix[i]![j] = 1 - matrix[i]![j]!;
      const next = { matrix, ops: base.ops.slice() };
      if (isValidNb101(next)) out.push(next);
    }
  }
  for (let v = 1; v < n - 1; v++) {
    for (const op of NB101_OPS) {
      if (op === base.ops[v]) continue;
      const ops = base.ops.slice();
      ops[v] = op;
      out.push({ matrix: base.matrix.map((row) => row.slice()), ops });
    }
  }
  return out;
}

/** One uniformly chosen neighbour of `spec`. */
export function mutateNb101(spec: Nb101Spec, rng: Rng): Nb101Spec {
  return rng.choice(nb101Neighbours(spec));
}
