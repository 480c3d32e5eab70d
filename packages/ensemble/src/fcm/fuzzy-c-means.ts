// Fuzzy c-means clustering of encoder embeddings (Bezdek 1981), as GENNAPE uses it to give each network a
// soft assignment to C clusters, one MLP head per cluster. Alternates v_k = sum_i U_ik^m h_i / sum_i U_ik^m
// and the membership update until max|dU| <= tol; hitting the cap is reported (converged: false).
import { Rng } from '@cgnas/native';

import { EnsembleInputError } from '../errors.js';
import { fcmMemberships } from './fcm-memberships.js';

export interface FcmOptions {
  /** Number of clusters C (>= 1, <= number of points). */
  readonly clusters: number;
  /** Fuzzifier m > 1; larger is softer. */
  readonly m: number;
  readonly maxIterations: number;
  /** Stop when the largest membership change is at most this. */
  readonly tolerance: number;
  readonly seed: number;
  /** Initial n x C memberships (rows summing to 1); random (seeded) when absent. */
  readonly initialMemberships?: readonly ArrayLike<number>[];
}

export const FCM_DEFAULTS: FcmOptions = { clusters: 3, m: 2, maxIterations: 1000, tolerance: 1e-9, seed: 0 };

export interface FcmResult {
  readonly centroids: Float64Array[];
  readonly memberships: Float64Array[];
  readonly iterations: number;
  readonly converged: boolean;
  /** Largest membership change in the last iteration. */
  readonly lastDelta: number;
}

export function fuzzyCMeans(points: readonly ArrayLike<number>[], options: Partial<FcmOptions> = {}): FcmResult {
  const o = { ...FCM_DEFAULTS, ...options };
  const n = points.length;
  if (!Number.isInteger(o.clusters) || o.clusters < 1 || o.clusters > n) {
    throw new EnsembleInputError(
      `ensemble.fuzzyCMeans: Expected an integer in [1, ${n}] for clusters but received ${o.clusters}`,
    );
  }
  if (!(o.m > 1) || !Number.isFinite(o.m)) {
    throw new EnsembleInputError(`ensemble.fuzzyCMeans: Expected a fuzzifier m > 1 for m but received ${o.m}`);
  }
  if (!Number.isInteger(o.maxIterations) || o.maxIterations < 1) {
    throw new EnsembleInputError(
      `ensemble.fuzzyCMeans: Expected a positive integer for maxIterations but received ${o.maxIterations}`,
    );
  }
  if (!(o.tolerance >= 0)) {
    throw new EnsembleInputError(`ensemble.fuzzyCMeans: Expected a non-negative tolerance but received ${o.tolerance}`);
  }
  const dim = points[0]!.length;
  for (const [i, p] of points.entries()) {
    if (p.length !== dim) {
      throw new EnsembleInputError(
        `ensemble.fuzzyCMeans: Expected every point to have width ${dim} but row ${i} has ${p.length}`,
      );
    }
    for (let t = 0; t < dim; t++) {
      if (!Number.isFinite(p[t]!)) {
        throw new EnsembleInputError(
          `ensemble.fuzzyCMeans: Expected finite coordinates but received ${p[t]} at row ${i}`,
        );
      }
    }
  }
  const C = o.clusters;
  let u: Float64Array[];
  if (o.initialMemberships) {
    if (o.initialMemberships.length !== n || o.initialMemberships.some((r) => r.length !== C)) {
      throw new EnsembleInputError(`ensemble.fuzzyCMeans: Expected ${n} x ${C} initialMemberships`);
    }
    u = o.initialMemberships.map((r) => Float64Array.from(r));
  } else {
    const rng = new Rng(o.seed);
    u = points.map(() => {
      const r = Float64Array.from({ length: C }, () => rng.float() + 1e-3);
      const s = r.reduce((a, b) => a + b, 0);
      return r.map((v) => v / s);
    });
  }
  let centroids = centroidsOf(points, u, o.m, dim);
  let lastDelta = Infinity;
  let it = 0;
  while (it < o.maxIterations) {
    it++;
    const next = fcmMemberships(points, centroids, o.m);
    lastDelta = 0;
    for (let i = 0; i < n; i++)
      for (let k = 0; k < C; k++) lastDelta = Math.max(lastDelta, Math.abs(next[i]![k]! - u[i]![k]!));
    u = next;
    centroids = centroidsOf(points, u, o.m, dim);
    if (lastDelta <= o.tolerance) break;
  }
  return { centroids, memberships: u, iterations: it, converged: lastDelta <= o.tolerance, lastDelta };
}

function centroidsOf(
  points: readonly ArrayLike<number>[],
  u: readonly Float64Array[],
  m: number,
  dim: number,
): Float64Array[] {
  const C = u[0]!.length;
  return Array.from({ length: C }, (_, k) => {
    const v = new Float64Array(dim);
    let w = 0;
    for (let i = 0; i < points.length; i++) {
      const um = u[i]![k]! ** m;
      w += um;
      const p = points[i]!;
      for (let t = 0; t < dim; t++) v[t] = v[t]! + um * p[t]!;
    }
    // A cluster nobody belongs to keeps a defined (zero-weight) centroid at the data mean.
    if (w === 0) {
      for (let i = 0; i < points.length; i++)
        for (let t = 0; t < dim; t++) v[t] = v[t]! + points[i]![t]! / points.length;
      return v;
    }
    for (let t = 0; t < dim; t++) v[t] = v[t]! / w;
    return v;
  });
}
