// One conformance suite, run against every kernel implementation (tfjs run_tests, dimod
// assert_sampler_api): results are compared with float64 references, never with the other kernel.
import { describe, expect, it } from 'vitest';

import type { Kernels } from '../kernels/kernel-types.js';
import { csrFromEdges, spmm } from '../ops/spmm.js';
import { gemm } from '../ops/gemm.js';
import { symmetricEigenvalues } from '../linalg/symmetric-eigenvalues.js';
import {
  maxScaledError,
  randomMatrix,
  referenceGemm,
  referenceSymmetricEigenvalues,
  seededRandom,
} from './reference.js';

export function describeKernelConformance(label: string, getKernels: () => Kernels | null): void {
  describe(`kernel conformance: ${label}`, () => {
    const kernels = (): Kernels => {
      const k = getKernels();
      if (!k) throw new Error(`${label} kernels are not available`);
      return k;
    };

    const shapes: Array<[number, number, number]> = [
      [1, 1, 1],
      [3, 5, 7],
      [6, 32, 1],
      [7, 33, 257],
      [64, 64, 64],
      [130, 70, 300],
      [5, 200, 3],
    ];
    for (const [m, n, k] of shapes) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          it(`gemm ${m}x${n}x${k} transA=${transA} transB=${transB} matches float64`, () => {
            const rand = seededRandom(m * 7919 + n * 104729 + k * 31 + (transA ? 1 : 0) + (transB ? 2 : 0));
            const a = randomMatrix(transA ? k : m, transA ? m : k, rand);
            const b = randomMatrix(transB ? n : k, transB ? k : n, rand);
            const c = randomMatrix(m, n, rand);
            const alpha = 0.75;
            const beta = 0.5;
            const ref = referenceGemm(transA, transB, m, n, k, alpha, a, transA ? m : k, b, transB ? k : n, beta, c, n);
            gemm(m, n, k, a, b, c, { transA, transB, alpha, beta }, kernels());
            expect(maxScaledError(c, ref)).toBeLessThan(1e-5);
          });
        }
      }
    }

    it('gemm honours leading dimensions (sub-matrix views)', () => {
      const rand = seededRandom(11);
      const [m, n, k, lda, ldb, ldc] = [9, 13, 17, 20, 16, 15];
      const a = randomMatrix(m, lda, rand);
      const b = randomMatrix(k, ldb, rand);
      const c = randomMatrix(m, ldc, rand);
      const before = c.slice();
      const ref = referenceGemm(false, false, m, n, k, 1, a, lda, b, ldb, 0, c, ldc);
      gemm(m, n, k, a, b, c, { lda, ldb, ldc }, kernels());
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < ldc; j++) {
          if (j < n) expect(Math.abs(c[i * ldc + j]! - ref[i * n + j]!)).toBeLessThan(1e-4);
          else expect(c[i * ldc + j]).toBe(before[i * ldc + j]); // padding untouched
        }
      }
    });

    it('gemm with beta = 0 ignores NaN already in C', () => {
      const a = new Float32Array([1, 2, 3, 4]);
      const b = new Float32Array([5, 6, 7, 8]);
      const c = new Float32Array([NaN, NaN, NaN, NaN]);
      gemm(2, 2, 2, a, b, c, {}, kernels());
      expect(Array.from(c)).toEqual([19, 22, 43, 50]);
    });

    it('gemm with k = 0 scales C by beta', () => {
      const c = new Float32Array([1, 2, 3, 4]);
      gemm(2, 2, 0, new Float32Array(0), new Float32Array(0), c, { beta: 2 }, kernels());
      expect(Array.from(c)).toEqual([2, 4, 6, 8]);
    });

    it('spmm sums predecessors (graph-convolution aggregation) like a float64 loop', () => {
      const rand = seededRandom(5);
      const nodes = 300;
      const features = 37;
      const sources: number[] = [];
      const targets: number[] = [];
      for (let t = 0; t < nodes; t++) {
        const deg = Math.floor(rand() * 6);
        for (let d = 0; d < deg; d++) {
          sources.push(Math.floor(rand() * nodes));
          targets.push(t);
        }
      }
      const csr = csrFromEdges(nodes, sources, targets);
      const x = randomMatrix(nodes, features, rand);
      const y = spmm(csr, x, features, {}, kernels());
      const ref = new Float64Array(nodes * features);
      for (let e = 0; e < sources.length; e++) {
        for (let f = 0; f < features; f++) ref[targets[e]! * features + f]! += x[sources[e]! * features + f]!;
      }
      expect(maxScaledError(y, ref)).toBeLessThan(1e-6);
    });

    it('spmm with weights and accumulate adds into Y', () => {
      const csr = csrFromEdges(3, [0, 1, 2, 2], [1, 2, 0, 1], { weights: [2, -1, 0.5, 3] });
      const x = new Float32Array([1, 10, 2, 20, 3, 30]);
      const y = new Float32Array([1, 1, 1, 1, 1, 1]);
      spmm(csr, x, 2, { out: y, accumulate: true }, kernels());
      // row0 <- 0.5*x2; row1 <- 2*x0 + 3*x2; row2 <- -1*x1
      expect(Array.from(y)).toEqual([2.5, 16, 12, 111, -1, -19]);
    });

    it('spmm on an empty graph gives zeros', () => {
      const csr = csrFromEdges(4, [], []);
      const y = spmm(csr, new Float32Array(8).fill(3), 2, {}, kernels());
      expect(Array.from(y)).toEqual(new Array(8).fill(0));
    });

    const symmetric = (n: number, rand: () => number): Float64Array => {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rand() * 2 - 1;
      return a;
    };
    /** I − D^-1/2 A D^-1/2 of an undirected graph (the CG spectrum feature). */
    const laplacian = (n: number, edges: readonly (readonly [number, number])[]): Float64Array => {
      const deg = new Float64Array(n);
      for (const [u, v] of edges) {
        deg[u]! += 1;
        deg[v]! += 1;
      }
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) a[i * n + i] = deg[i]! > 0 ? 1 : 0;
      for (const [u, v] of edges) a[u * n + v] = a[v * n + u] = -1 / Math.sqrt(deg[u]! * deg[v]!);
      return a;
    };

    for (const n of [1, 2, 3, 17, 64, 130]) {
      it(`symmetricEigenvalues of a random ${n}×${n} matrix match cyclic Jacobi in float64`, () => {
        const a = symmetric(n, seededRandom(n * 31 + 7));
        const ref = referenceSymmetricEigenvalues(a, n);
        const k = Math.min(n, 21);
        const got = symmetricEigenvalues(a.slice(), n, k, kernels());
        expect(got).toHaveLength(k);
        for (let i = 0; i < k; i++) expect(Math.abs(got[i]! - ref[i]!)).toBeLessThan(1e-10);
      });
    }

    it('symmetricEigenvalues keeps multiplicities of graph Laplacians (star, complete graph, two components)', () => {
      const n = 40;
      const star = laplacian(
        n,
        Array.from({ length: n - 1 }, (_, i) => [0, i + 1] as const),
      );
      // Star: 0, 1 (n − 2 times), 2. Complete graph: 0, then n/(n − 1) n − 1 times.
      const s = symmetricEigenvalues(star, n, n, kernels());
      expect(Math.abs(s[0]!)).toBeLessThan(1e-12);
      for (let i = 1; i < n - 1; i++) expect(Math.abs(s[i]! - 1)).toBeLessThan(1e-12);
      expect(Math.abs(s[n - 1]! - 2)).toBeLessThan(1e-12);
      const complete: [number, number][] = [];
      for (let i = 0; i < 12; i++) for (let j = i + 1; j < 12; j++) complete.push([i, j]);
      const c = symmetricEigenvalues(laplacian(12, complete), 12, 12, kernels());
      expect(Math.abs(c[0]!)).toBeLessThan(1e-12);
      for (let i = 1; i < 12; i++) expect(Math.abs(c[i]! - 12 / 11)).toBeLessThan(1e-12);
      // Two disjoint paths: eigenvalue 0 twice (one per component).
      const paths = laplacian(10, [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 4],
        [5, 6],
        [6, 7],
        [7, 8],
        [8, 9],
      ]);
      const p = symmetricEigenvalues(paths, 10, 3, kernels());
      expect(Math.abs(p[0]!) + Math.abs(p[1]!)).toBeLessThan(1e-12);
      // Path of 5: 1 − cos(πj/4), j = 0..4.
      expect(Math.abs(p[2]! - (1 - Math.cos(Math.PI / 4)))).toBeLessThan(1e-12);
    });

    it('symmetricEigenvalues rejects wrong sizes and non-finite entries with a typed error', () => {
      expect(() => symmetricEigenvalues(new Float64Array(3), 2, 1, kernels())).toThrow(/n\*n/);
      expect(() => symmetricEigenvalues(new Float64Array([1, NaN, NaN, 1]), 2, 1, kernels())).toThrow(/finite/);
      expect(() => symmetricEigenvalues(new Float64Array(4), 2, -1, kernels())).toThrow(/k/);
      expect(symmetricEigenvalues(new Float64Array(0), 0, 5, kernels())).toHaveLength(0);
    });
  });
}
