import { describe, expect, it } from 'vitest';

import { Rng } from '@cgnas/native';

import { EnsembleInputError } from '../errors.js';
import { fcmMemberships } from './fcm-memberships.js';
import { fuzzyCMeans } from './fuzzy-c-means.js';

/** Textbook float64 FCM written from the formulas, loop by loop: the independent reference. */
function referenceFcm(x: number[][], u0: number[][], m: number, iters: number): { u: number[][]; v: number[][] } {
  let u = u0.map((r) => [...r]);
  let v: number[][] = [];
  const C = u0[0]!.length;
  const dist = (a: number[], b: number[]): number => Math.hypot(...a.map((ai, t) => ai - b[t]!));
  const cents = (): number[][] =>
    Array.from({ length: C }, (_, k) => {
      const w = x.map((_, i) => u[i]![k]! ** m);
      const s = w.reduce((a, b) => a + b, 0);
      return x[0]!.map((_, t) => x.reduce((acc, xi, i) => acc + w[i]! * xi[t]!, 0) / s);
    });
  for (let it = 0; it < iters; it++) {
    v = cents();
    u = x.map((xi) =>
      v.map((_, k) => 1 / v.reduce((acc, _vj, j) => acc + (dist(xi, v[k]!) / dist(xi, v[j]!)) ** (2 / (m - 1)), 0)),
    );
  }
  return { u, v: cents() };
}

function blobs(seed: number): { x: number[][]; centers: number[][] } {
  const rng = new Rng(seed);
  const centers = [
    [0, 0, 0],
    [10, 0, 5],
    [0, 10, -5],
  ];
  const x: number[][] = [];
  for (const c of centers) for (let i = 0; i < 40; i++) x.push(c.map((ci) => ci + rng.normal() * 0.5));
  return { x, centers };
}

describe('fuzzyCMeans', () => {
  it('matches the textbook float64 reference from the same start, on separable blobs', () => {
    const { x, centers } = blobs(1);
    const rng = new Rng(9);
    const u0 = x.map(() => {
      const r = [rng.float() + 0.1, rng.float() + 0.1, rng.float() + 0.1];
      const s = r[0]! + r[1]! + r[2]!;
      return r.map((v) => v / s);
    });
    const ours = fuzzyCMeans(x, { clusters: 3, m: 2, initialMemberships: u0, maxIterations: 40, tolerance: 0 });
    const ref = referenceFcm(x, u0, 2, 40);
    for (let i = 0; i < x.length; i++)
      for (let k = 0; k < 3; k++) expect(ours.memberships[i]![k]).toBeCloseTo(ref.u[i]![k]!, 10);
    // Each true blob centre is recovered by one centroid.
    for (const c of centers) {
      const best = Math.min(...ours.centroids.map((v) => Math.hypot(...c.map((ci, t) => ci - v[t]!))));
      expect(best).toBeLessThan(0.3);
    }
  });

  it('converges to a fixed point: memberships and centroids reproduce each other', () => {
    const { x } = blobs(2);
    const r = fuzzyCMeans(x, { clusters: 3, m: 2, seed: 4 });
    expect(r.converged).toBe(true);
    expect(r.lastDelta).toBeLessThanOrEqual(1e-9);
    const again = fcmMemberships(x, r.centroids, 2);
    for (let i = 0; i < x.length; i++)
      for (let k = 0; k < 3; k++) expect(again[i]![k]).toBeCloseTo(r.memberships[i]![k]!, 8);
    for (const row of r.memberships) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('reports an iteration cap as not converged', () => {
    const { x } = blobs(3);
    const r = fuzzyCMeans(x, { clusters: 3, maxIterations: 2, seed: 1 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(2);
  });

  it('gives a point on a centroid full membership there (d = 0)', () => {
    const u = fcmMemberships(
      [
        [1, 1],
        [0, 0],
      ],
      [
        [1, 1],
        [5, 5],
      ],
      2,
    );
    expect(Array.from(u[0]!)).toEqual([1, 0]);
    // d = (sqrt2, 5 sqrt2): U_0 = 1 / (1 + (1/5)^2) = 25/26
    expect(u[1]![0]).toBeCloseTo(25 / 26, 14);
  });

  it('is deterministic for a seed', () => {
    const { x } = blobs(5);
    expect(fuzzyCMeans(x, { clusters: 2, seed: 3 }).memberships).toEqual(
      fuzzyCMeans(x, { clusters: 2, seed: 3 }).memberships,
    );
  });

  it('rejects bad options and ragged input with typed errors', () => {
    const { x } = blobs(6);
    expect(() => fuzzyCMeans(x, { m: 1 })).toThrow(EnsembleInputError);
    expect(() => fuzzyCMeans(x, { clusters: 0 })).toThrow(EnsembleInputError);
    expect(() => fuzzyCMeans(x, { clusters: 1000 })).toThrow(EnsembleInputError);
    expect(() => fuzzyCMeans([[1, 2], [1]], { clusters: 1 })).toThrow(EnsembleInputError);
    expect(() =>
      fuzzyCMeans(
        [
          [1, NaN],
          [1, 2],
        ],
        { clusters: 1 },
      ),
    ).toThrow(EnsembleInputError);
    expect(() => fcmMemberships([[1, 2, 3]], [[1, 2]], 2)).toThrow(EnsembleInputError);
  });
});
