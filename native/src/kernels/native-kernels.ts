// Adapts the raw addon to the kernel contract.
import type { NativeBinding } from '../binding-types.js';
import type { Kernels } from './kernel-types.js';

export function nativeKernels(binding: NativeBinding): Kernels {
  return {
    backend: 'native',
    gemm: (g) => binding.gemm(g.transA, g.transB, g.m, g.n, g.k, g.alpha, g.a, g.lda, g.b, g.ldb, g.beta, g.c, g.ldc),
    spmm: (s) => binding.spmm(s.rows, s.rowPtr, s.colIdx, s.weights, s.x, s.xRows, s.features, s.y, s.accumulate),
    symmetricEigenvalues: (a, n, out) => binding.symmetricEigenvalues(a, n, out),
  };
}
