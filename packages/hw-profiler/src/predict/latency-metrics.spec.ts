import { describe, expect, it } from 'vitest';

import { HwInputError } from '../errors.js';
import { latencyMetrics, spearman } from './latency-metrics.js';

describe('latencyMetrics', () => {
  it('counts predictions within ±10% and computes MAPE', () => {
    const m = latencyMetrics([10, 10, 10, 10], [10.5, 11, 8, 12]);
    expect(m.within10).toBe(0.5);
    expect(m.mape).toBeCloseTo((0.05 + 0.1 + 0.2 + 0.2) / 4, 12);
  });

  it('spearman matches the textbook formula without ties and uses average ranks with ties', () => {
    // 1 − 6Σd²/(n(n²−1)); ranks of b are (1, 2, 4, 3, 5), so d = (0, 0, 1, 1, 0).
    const a = [1, 2, 3, 4, 5];
    const b = [5, 6, 8, 7, 10];
    const d2 = [0, 0, 1, 1, 0].reduce((s, v) => s + v, 0);
    expect(spearman(a, b)).toBeCloseTo(1 - (6 * d2) / (5 * 24), 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // Ties: ranks (1.5, 1.5, 3) vs (1, 2, 3) → Pearson = 0.8660…
    expect(spearman([1, 1, 2], [1, 2, 3])).toBeCloseTo(Math.sqrt(3) / 2, 12);
  });

  it('rejects series of different lengths', () => {
    expect(() => latencyMetrics([1, 2], [1])).toThrow(HwInputError);
    expect(() => spearman([1], [1])).toThrow(HwInputError);
  });
});
