// Kendall's tau-b with ties, in O(n log n) by Knight's (1966) merge-sort algorithm, the way
// scipy.stats.kendalltau computes it; NB-201 test sets have ~15k items, too many for the O(n^2) pair loop.
import { validatePairs } from './validate-pairs.js';

/** Kendall's tau-b in [-1, 1]; NaN when either input is constant (as scipy). */
export function kendallTau(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  validatePairs('kendallTau', truth, predicted);
  const n = truth.length;
  const x = truth;
  const yIn = predicted;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i]! - x[j]! || yIn[i]! - yIn[j]!);
  let xtie = 0;
  let ntie = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && x[order[j]!] === x[order[i]!]) j++;
    const t = j - i;
    xtie += (t * (t - 1)) / 2;
    // Inside an x-run the order is by y, so equal (x, y) pairs are adjacent.
    for (let k = i; k < j;) {
      let l = k + 1;
      while (l < j && yIn[order[l]!] === yIn[order[k]!]) l++;
      const u = l - k;
      ntie += (u * (u - 1)) / 2;
      k = l;
    }
    i = j;
  }
  let y = Float64Array.from(order, (i) => yIn[i]!);
  let buf = new Float64Array(n);
  // Bottom-up merge sort counting strict inversions (y_i > y_j with i < j) = discordant pairs.
  let dis = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (y[j]! < y[i]!) {
          buf[k++] = y[j++]!;
          dis += mid - i;
        } else {
          buf[k++] = y[i++]!;
        }
      }
      while (i < mid) buf[k++] = y[i++]!;
      while (j < hi) buf[k++] = y[j++]!;
    }
    [y, buf] = [buf, y];
  }
  let ytie = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && y[j] === y[i]) j++;
    const t = j - i;
    ytie += (t * (t - 1)) / 2;
    i = j;
  }
  const total = (n * (n - 1)) / 2;
  if (xtie === total || ytie === total) return NaN;
  const conMinusDis = total - xtie - ytie + ntie - 2 * dis;
  const tau = conMinusDis / Math.sqrt(total - xtie) / Math.sqrt(total - ytie);
  return Math.max(-1, Math.min(1, tau));
}
