// Precision@k: the share of the truly best k networks that the predictor also puts in its top k
// (ties broken by index, so the result is deterministic).
import { EnsembleInputError } from '../errors.js';
import { validatePairs } from './validate-pairs.js';

export function precisionAtK(truth: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number {
  validatePairs('precisionAtK', truth, predicted, 1);
  if (!Number.isInteger(k) || k < 1 || k > truth.length) {
    throw new EnsembleInputError(
      `ensemble.precisionAtK: Expected an integer in [1, ${truth.length}] for k but received ${k}`,
    );
  }
  const top = (v: ArrayLike<number>): Set<number> =>
    new Set(
      Array.from({ length: v.length }, (_, i) => i)
        .sort((a, b) => v[b]! - v[a]! || a - b)
        .slice(0, k),
    );
  const t = top(truth);
  let hit = 0;
  for (const i of top(predicted)) if (t.has(i)) hit++;
  return hit / k;
}
