import { describe, expect, it } from 'vitest';

import { HwInputError } from '../errors.js';
import { nb201NoiseCeiling } from './nb201-noise-ceiling.js';

describe('nb201NoiseCeiling', () => {
  it(
    'finds no noise in the analytic FPGA model and clear noise in the Pixel 3 measurements',
    { timeout: 30_000 },
    () => {
      const fpga = nb201NoiseCeiling('fpga');
      // 5^5 archs have edge 1→2 = none; 5^3 of them are their own mirror: (3125 − 125) / 2 = 1500 pairs.
      expect(fpga.pairs).toBe(1500);
      expect(fpga.pairWithin10).toBe(1);
      expect(fpga.medianAbsLogDiff).toBeLessThan(1e-9);
      const pixel = nb201NoiseCeiling('pixel3');
      expect(pixel.pairWithin10).toBeLessThan(0.9);
      expect(pixel.pairMeanWithin10).toBeGreaterThanOrEqual(pixel.pairWithin10);
      expect(() => nb201NoiseCeiling('nope')).toThrow(HwInputError);
    },
  );
});
