// Public GEMM op: validates, then dispatches to the native or JS kernel.
import { getKernels } from '../kernels/kernel-registry.js';
import type { GemmArgs, Kernels } from '../kernels/kernel-types.js';
import { NativeInputError } from '../errors.js';
import { checkDim, checkFinite, checkFloat32 } from './validate.js';

export interface GemmOptions {
  readonly transA?: boolean;
  readonly transB?: boolean;
  readonly alpha?: number;
  readonly beta?: number;
  readonly lda?: number;
  readonly ldb?: number;
  readonly ldc?: number;
}

/**
 * C = alpha * op(A) * op(B) + beta * C on row-major float32 matrices, in place on `c`.
 * op(A) is m x k, op(B) is k x n, C is m x n. Defaults: no transposes, alpha 1, beta 0, packed strides.
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  options: GemmOptions = {},
  kernels: Kernels = getKernels(),
): Float32Array {
  const args = gemmArgs(m, n, k, a, b, c, options);
  kernels.gemm(args);
  return c;
}

/** Returns op(A) * op(B) as a new m x n matrix. */
export function matmul(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  options: Pick<GemmOptions, 'transA' | 'transB'> = {},
  kernels: Kernels = getKernels(),
): Float32Array {
  checkDim('matmul', 'm', m);
  checkDim('matmul', 'n', n);
  return gemm(m, n, k, a, b, new Float32Array(m * n), options, kernels);
}

export function gemmArgs(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  options: GemmOptions,
): GemmArgs {
  checkDim('gemm', 'm', m);
  checkDim('gemm', 'n', n);
  checkDim('gemm', 'k', k);
  const transA = options.transA ?? false;
  const transB = options.transB ?? false;
  const alpha = options.alpha ?? 1;
  const beta = options.beta ?? 0;
  checkFinite('gemm', 'alpha', alpha);
  checkFinite('gemm', 'beta', beta);
  const aRows = transA ? k : m;
  const aCols = transA ? m : k;
  const bRows = transB ? n : k;
  const bCols = transB ? k : n;
  const lda = options.lda ?? Math.max(aCols, 1);
  const ldb = options.ldb ?? Math.max(bCols, 1);
  const ldc = options.ldc ?? Math.max(n, 1);
  for (const [name, ld, min] of [
    ['lda', lda, aCols],
    ['ldb', ldb, bCols],
    ['ldc', ldc, n],
  ] as const) {
    checkDim('gemm', name, ld);
    if (ld < Math.max(min, 1)) {
      throw new NativeInputError(`native.gemm: Expected ${name} >= ${Math.max(min, 1)} but received ${ld}`);
    }
  }
  const extent = (rows: number, cols: number, ld: number): number =>
    rows === 0 || cols === 0 ? 0 : (rows - 1) * ld + cols;
  checkFloat32('gemm', 'a', a, extent(aRows, aCols, lda));
  checkFloat32('gemm', 'b', b, extent(bRows, bCols, ldb));
  checkFloat32('gemm', 'c', c, extent(m, n, ldc));
  return { transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc };
}
