// Shared entry validation for the ranking and regression metrics: equal lengths, enough items, finite values.
import { EnsembleInputError } from '../errors.js';

/** Throws EnsembleInputError unless `a` and `b` have equal length >= `min` and only finite values. */
export function validatePairs(fn: string, a: ArrayLike<number>, b: ArrayLike<number>, min = 2): void {
  if (a.length !== b.length) {
    throw new EnsembleInputError(
      `ensemble.${fn}: Expected arrays of equal length for (truth, predicted) but received ${a.length} and ${b.length}`,
    );
  }
  if (a.length < min) {
    throw new EnsembleInputError(`ensemble.${fn}: Expected at least ${min} items but received ${a.length}`);
  }
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]!) || !Number.isFinite(b[i]!)) {
      throw new EnsembleInputError(
        `ensemble.${fn}: Expected finite numbers but received ${a[i]} and ${b[i]} at index ${i}; drop or impute NaN entries first`,
      );
    }
  }
}
