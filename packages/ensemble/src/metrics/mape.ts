// Mean absolute percentage error (in percent), as accuracy-predictor papers report it.
import { EnsembleInputError } from '../errors.js';
import { validatePairs } from './validate-pairs.js';

export function mape(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  validatePairs('mape', truth, predicted, 1);
  let s = 0;
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] === 0) {
      throw new EnsembleInputError(
        `ensemble.mape: Expected non-zero true values but received 0 at index ${i}; use mae instead`,
      );
    }
    s += Math.abs((truth[i]! - predicted[i]!) / truth[i]!);
  }
  return (100 * s) / truth.length;
}
