// Spearman's rank correlation: Pearson correlation of average ranks (scipy.stats.spearmanr), so ties are
// handled as the NAS predictor papers (GENNAPE, CL fine-tune) report SRCC.
import { averageRanks } from './average-ranks.js';
import { validatePairs } from './validate-pairs.js';

/** Spearman's rho in [-1, 1]; NaN when either input is constant (as scipy). */
export function spearman(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  validatePairs('spearman', truth, predicted);
  return pearson(averageRanks(truth), averageRanks(predicted));
}

/** Pearson correlation in float64; NaN when either input is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return NaN;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}
