// Public op: the k smallest eigenvalues of a dense real symmetric matrix (the normalised-Laplacian
// spectrum feature of a CG). Validates, then runs the native kernel or its JS twin.
import { getKernels } from '../kernels/kernel-registry.js';
import type { Kernels } from '../kernels/kernel-types.js';
import { NativeInputError } from '../errors.js';

/**
 * The `k` smallest eigenvalues (ascending) of the symmetric n×n matrix `a` (row-major float64); `a` is
 * overwritten. k is clamped to n. Only the lower triangle's symmetry is assumed, not checked.
 */
export function symmetricEigenvalues(
  a: Float64Array,
  n: number,
  k: number,
  kernels: Kernels = getKernels(),
): Float64Array {
  if (!Number.isInteger(n) || n < 0 || !(a instanceof Float64Array) || a.length !== n * n) {
    throw new NativeInputError(
      `native.symmetricEigenvalues: Expected a Float64Array of n*n values for a but received ${a instanceof Float64Array ? a.length : typeof a} values for n = ${n}`,
    );
  }
  if (!Number.isInteger(k) || k < 0) {
    throw new NativeInputError(`native.symmetricEigenvalues: Expected a non-negative integer for k but received ${k}`);
  }
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]!)) {
      throw new NativeInputError(
        `native.symmetricEigenvalues: Expected finite entries but a[${Math.floor(i / n)}][${i % n}] is ${a[i]}`,
      );
    }
  }
  const out = new Float64Array(Math.min(k, n));
  kernels.symmetricEigenvalues(a, n, out);
  return out;
}
