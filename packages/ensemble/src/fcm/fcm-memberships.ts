// Fuzzy c-means memberships of points to fixed centroids (Bezdek 1981):
// U_ik = (sum_j (d_ik / d_ij)^(2/(m-1)))^-1. Used inside fuzzyCMeans and, with frozen centroids,
// to place networks of a new family (GENNAPE).
import { EnsembleInputError } from '../errors.js';

/** n x C memberships (rows sum to 1). A point on a centroid belongs to it (shared among equal centroids). */
export function fcmMemberships(
  points: readonly ArrayLike<number>[],
  centroids: readonly ArrayLike<number>[],
  m: number,
): Float64Array[] {
  if (!(m > 1) || !Number.isFinite(m)) {
    throw new EnsembleInputError(`ensemble.fcmMemberships: Expected a fuzzifier m > 1 for m but received ${m}`);
  }
  if (centroids.length === 0) {
    throw new EnsembleInputError('ensemble.fcmMemberships: Expected at least one centroid but received 0');
  }
  const dim = centroids[0]!.length;
  for (const [i, p] of points.entries()) {
    if (p.length !== dim) {
      throw new EnsembleInputError(
        `ensemble.fcmMemberships: Expected points of width ${dim} (the centroids') but received width ${p.length} at row ${i}`,
      );
    }
  }
  const e = 2 / (m - 1);
  const C = centroids.length;
  const d = new Float64Array(C);
  return points.map((p) => {
    let dmin = Infinity;
    for (let k = 0; k < C; k++) {
      const c = centroids[k]!;
      let s = 0;
      for (let t = 0; t < dim; t++) s += (p[t]! - c[t]!) ** 2;
      d[k] = Math.sqrt(s);
      dmin = Math.min(dmin, d[k]!);
    }
    const u = new Float64Array(C);
    if (dmin === 0) {
      let zeros = 0;
      for (let k = 0; k < C; k++) if (d[k] === 0) zeros++;
      for (let k = 0; k < C; k++) u[k] = d[k] === 0 ? 1 / zeros : 0;
      return u;
    }
    // Scale by the nearest distance so that d^-e cannot overflow for tiny distances.
    let sum = 0;
    for (let k = 0; k < C; k++) {
      u[k] = (dmin / d[k]!) ** e;
      sum += u[k]!;
    }
    for (let k = 0; k < C; k++) u[k] = u[k]! / sum;
    return u;
  });
}
