// Eigenvalues of a dense real symmetric matrix, for the Laplacian-spectrum feature: @cgnas/native's
// Householder + Sturm bisection kernel (C++ when the addon is loaded, its JS twin otherwise), with
// cg-core's error type for bad input.
import { NativeInputError, symmetricEigenvalues as nativeSymmetricEigenvalues } from '@cgnas/native';

import { GraphBuildError } from '../graph/graph-errors.js';

/**
 * The `k` smallest eigenvalues (ascending) of the symmetric n×n matrix `a` (row-major, float64).
 * `a` is overwritten. k is clamped to n.
 */
export function symmetricEigenvalues(a: Float64Array, n: number, k: number): Float64Array {
  try {
    return nativeSymmetricEigenvalues(a, n, k);
  } catch (error) {
    if (error instanceof NativeInputError) {
      throw new GraphBuildError(error.message.replace('native.symmetricEigenvalues', 'cg-core.symmetricEigenvalues'));
    }
    throw error;
  }
}
