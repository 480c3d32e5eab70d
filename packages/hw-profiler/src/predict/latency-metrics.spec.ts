import { describe, expect, it } from 'vitest';

import { HwInputError } from '../errors.js';
import { latencyMetrics } from './latency-metrics.js';

describe('latencyMetrics', () => {
  it('counts predictions within ±10% and computes MAPE', () => {
    const m = latencyMetrics([10, 10, 10, 10], [10.5, 11, 8, 12]);
    expect(m.within10).toBe(0.5);
    expect(m.mape).toBeCloseTo((0.05 + 0.1 + 0.2 + 0.2) / 4, 12);
  });

  it('rejects series of different lengths', () => {
    expect(() => latencyMetrics([1, 2], [1])).toThrow(HwInputError);
    expect(() => latencyMetrics([1], [1])).toThrow(HwInputError);
  });
});
