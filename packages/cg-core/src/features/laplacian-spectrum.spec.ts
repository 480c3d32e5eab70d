import { describe, expect, it } from 'vitest';

import type { CgNode, ComputationGraph } from '../graph/computation-graph.js';
import { laplacianSpectrum } from './laplacian-spectrum.js';
import { symmetricEigenvalues } from './symmetric-eigenvalues.js';

/** A bare graph with given edges (the spectrum only reads the topology). */
function topology(n: number, edges: [number, number][]): ComputationGraph {
  const nodes: CgNode[] = Array.from({ length: n }, (_, id) => ({
    id,
    op: 'relu',
    inH: 1,
    inW: 1,
    inC: 1,
    outH: 1,
    outW: 1,
    outC: 1,
  }));
  return { nodes, edges, meta: {} };
}

const sorted = (xs: number[]) => xs.sort((a, b) => a - b);

describe('laplacianSpectrum', () => {
  it('matches the closed form of a path: 1 − cos(πj/(n−1))', () => {
    const n = 30;
    const g = topology(
      n,
      Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as [number, number]),
    );
    const got = laplacianSpectrum(g, n);
    const want = sorted(Array.from({ length: n }, (_, j) => 1 - Math.cos((Math.PI * j) / (n - 1))));
    want.forEach((w, j) => expect(got[j]).toBeCloseTo(w, 10));
  });

  it('matches the closed form of a complete DAG: 0 once, n/(n−1) n−1 times', () => {
    const n = 12;
    const edges: [number, number][] = [];
    for (let d = 1; d < n; d++) for (let s = 0; s < d; s++) edges.push([s, d]);
    const got = laplacianSpectrum(topology(n, edges), 11);
    expect(got[0]).toBeCloseTo(0, 10);
    for (let j = 1; j < 11; j++) expect(got[j]).toBeCloseTo(n / (n - 1), 10);
  });

  it('matches the closed form of a cycle and zero-pads when n < k', () => {
    const n = 9;
    const edges: [number, number][] = Array.from({ length: n - 1 }, (_, i) => [i, i + 1]);
    edges.push([0, n - 1]);
    const got = laplacianSpectrum(topology(n, edges), 21);
    const want = sorted(Array.from({ length: n }, (_, j) => 1 - Math.cos((2 * Math.PI * j) / n)));
    want.forEach((w, j) => expect(got[j]).toBeCloseTo(w, 10));
    expect(Array.from(got.subarray(n))).toEqual(new Array(21 - n).fill(0));
  });

  it('sums to the trace and counts components on random graphs', () => {
    let seed = 12345;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let t = 0; t < 20; t++) {
      const n = 5 + Math.floor(rand() * 60);
      const edges: [number, number][] = [];
      for (let d = 1; d < n; d++) for (let s = 0; s < d; s++) if (rand() < 0.1) edges.push([s, d]);
      const g = topology(n, edges);
      const all = laplacianSpectrum(g, n);
      const deg = new Array(n).fill(0);
      for (const [s, d] of edges) {
        deg[s]++;
        deg[d]++;
      }
      const nonIsolated = deg.filter((x) => x > 0).length;
      expect(all.reduce((a, b) => a + b, 0)).toBeCloseTo(nonIsolated, 8);
      // Each connected component (isolated nodes included) contributes one zero eigenvalue.
      const parent = Array.from({ length: n }, (_, i) => i);
      const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
      for (const [s, d] of edges) parent[find(s)] = find(d);
      const components = new Set(parent.map((_, i) => find(i))).size;
      expect(Array.from(all).filter((x) => Math.abs(x) < 1e-9)).toHaveLength(components);
      for (let j = 1; j < n; j++) expect(all[j]!).toBeGreaterThanOrEqual(all[j - 1]! - 1e-12);
      expect(all[n - 1]!).toBeLessThanOrEqual(2 + 1e-9);
    }
  });

  it('symmetricEigenvalues agrees with a 2×2 closed form and rejects bad sizes', () => {
    const [a, b, c] = [3, 1.5, -2];
    const got = symmetricEigenvalues(new Float64Array([a, b, b, c]), 2, 2);
    const m = (a + c) / 2;
    const r = Math.hypot((a - c) / 2, b);
    expect(got[0]).toBeCloseTo(m - r, 12);
    expect(got[1]).toBeCloseTo(m + r, 12);
    expect(() => symmetricEigenvalues(new Float64Array(3), 2, 1)).toThrow();
  });
});
