// Mean absolute error between true and predicted accuracies (the regression view of a predictor).
import { validatePairs } from './validate-pairs.js';

export function mae(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  validatePairs('mae', truth, predicted, 1);
  let s = 0;
  for (let i = 0; i < truth.length; i++) s += Math.abs(truth[i]! - predicted[i]!);
  return s / truth.length;
}
