// NDCG@k as GENNAPE reports it: relevance = min-max-scaled true accuracy x 20, linear gain, 1/log2(i+1)
// discount, ties in the predicted scores averaged (sklearn.metrics.ndcg_score with ignore_ties=False).
import { EnsembleInputError } from '../errors.js';
import { validatePairs } from './validate-pairs.js';

/** Scale of the relevance GENNAPE derives from accuracy. */
export const NDCG_RELEVANCE_SCALE = 20;

/** NDCG@k in [0, 1] of ranking `truth` by `predicted`. */
export function ndcgAtK(truth: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number {
  validatePairs('ndcgAtK', truth, predicted, 1);
  const n = truth.length;
  if (!Number.isInteger(k) || k < 1) {
    throw new EnsembleInputError(`ensemble.ndcgAtK: Expected a positive integer for k but received ${k}`);
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, truth[i]!);
    hi = Math.max(hi, truth[i]!);
  }
  const rel = new Float64Array(n);
  for (let i = 0; i < n; i++) rel[i] = hi > lo ? ((truth[i]! - lo) / (hi - lo)) * NDCG_RELEVANCE_SCALE : 0;
  const discountCum = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    if (i < k) acc += 1 / Math.log2(i + 2);
    discountCum[i] = acc;
  }
  const idealOrder = Array.from({ length: n }, (_, i) => i).sort((a, b) => rel[b]! - rel[a]!);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, n); i++) ideal += rel[idealOrder[i]!]! / Math.log2(i + 2);
  if (ideal === 0) return 0;
  // Tie-averaged DCG: a group of equal predictions shares the mean relevance and the sum of its discounts.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => predicted[b]! - predicted[a]!);
  let dcg = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && predicted[order[j]!] === predicted[order[i]!]) j++;
    let sum = 0;
    for (let t = i; t < j; t++) sum += rel[order[t]!]!;
    const discounts = discountCum[j - 1]! - (i > 0 ? discountCum[i - 1]! : 0);
    dcg += (sum / (j - i)) * discounts;
    i = j;
  }
  return dcg / ideal;
}
