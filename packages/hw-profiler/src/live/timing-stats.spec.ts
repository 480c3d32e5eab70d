import { describe, expect, it } from 'vitest';

import { MeasurementError } from '../errors.js';
import { timingStats } from './timing-stats.js';

describe('timingStats', () => {
  it('gives the median and the interquartile range (linear interpolation, as numpy)', () => {
    // numpy.percentile([1..8], [25, 50, 75]) = 2.75, 4.5, 6.25
    const s = timingStats([8, 1, 7, 2, 6, 3, 5, 4]);
    expect([s.q25Ms, s.medianMs, s.q75Ms, s.iqrMs, s.minMs, s.repeats]).toEqual([2.75, 4.5, 6.25, 3.5, 1, 8]);
  });

  it('rejects empty or negative timings', () => {
    expect(() => timingStats([])).toThrow(MeasurementError);
    expect(() => timingStats([1, -1])).toThrow(MeasurementError);
  });
});
