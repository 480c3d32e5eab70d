// The JS twin of every C++ kernel: the fallback when the addon is missing, and a second
// implementation for the conformance suite (both are checked against float64 references).
import { jsSymmetricEigenvalues } from '../linalg/js-symmetric-eigenvalues.js';
import type { GemmArgs, Kernels, SpmmArgs } from './kernel-types.js';

function gemm({ transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc }: GemmArgs): void {
  // i-p-j order keeps the innermost loop contiguous over C and (untransposed) B.
  const row = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    row.fill(0);
    for (let p = 0; p < k; p++) {
      const aip = transA ? a[p * lda + i]! : a[i * lda + p]!;
      if (aip === 0) continue;
      if (transB) {
        for (let j = 0; j < n; j++) row[j]! += aip * b[j * ldb + p]!;
      } else {
        const base = p * ldb;
        for (let j = 0; j < n; j++) row[j]! += aip * b[base + j]!;
      }
    }
    const cBase = i * ldc;
    for (let j = 0; j < n; j++) {
      const v = alpha * row[j]!;
      c[cBase + j] = beta === 0 ? v : v + beta * c[cBase + j]!;
    }
  }
}

function spmm({ rows, rowPtr, colIdx, weights, x, features, y, accumulate }: SpmmArgs): void {
  for (let i = 0; i < rows; i++) {
    const yBase = i * features;
    if (!accumulate) y.fill(0, yBase, yBase + features);
    for (let e = rowPtr[i]!; e < rowPtr[i + 1]!; e++) {
      const w = weights ? weights[e]! : 1;
      const xBase = colIdx[e]! * features;
      for (let f = 0; f < features; f++) y[yBase + f]! += w * x[xBase + f]!;
    }
  }
}

export const jsKernels: Kernels = { backend: 'js', gemm, spmm, symmetricEigenvalues: jsSymmetricEigenvalues };
