// Rank-averaged combination of member scores (GENNAPE): each member's scores become average ranks
// scaled to (0, 1], so members on different scales (FLOPs, accuracy, win rate) mix by order alone.
import { EnsembleInputError } from '../errors.js';
import { averageRanks } from '../metrics/average-ranks.js';

export function rankAverage(scores: readonly ArrayLike<number>[], weights: readonly number[]): Float64Array {
  if (scores.length === 0 || scores.length !== weights.length) {
    throw new EnsembleInputError(
      `ensemble.rankAverage: Expected one weight per member (>= 1 member) but received ${scores.length} members and ${weights.length} weights`,
    );
  }
  const n = scores[0]!.length;
  const out = new Float64Array(n);
  const total = weights.reduce((a, b) => a + b, 0);
  scores.forEach((s, k) => {
    if (s.length !== n) {
      throw new EnsembleInputError(
        `ensemble.rankAverage: Expected ${n} scores for member ${k} but received ${s.length}`,
      );
    }
    const r = averageRanks(s);
    for (let i = 0; i < n; i++) out[i] = out[i]! + (weights[k]! / total) * (r[i]! / n);
  });
  return out;
}
