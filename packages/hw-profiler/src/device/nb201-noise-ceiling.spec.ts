import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { HwInputError } from '../errors.js';
import { erf, gaussianOracleWithin10, nb201NoiseCeiling } from './nb201-noise-ceiling.js';

describe('nb201NoiseCeiling', () => {
  it('erf matches tabulated values', () => {
    // Abramowitz & Stegun table 7.1.
    expect(erf(0.5)).toBeCloseTo(0.5204998778, 6);
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(-2)).toBeCloseTo(-0.995322265, 6);
  });

  it('the Gaussian oracle share matches a simulation of i.i.d. log-normal noise', () => {
    const rng = new Rng(5);
    const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
    for (const sigma of [0.03, 0.07, 0.15]) {
      let pair = 0;
      let oracle = 0;
      const n = 40_000;
      for (let i = 0; i < n; i++) {
        const x = Math.exp(sigma * gauss());
        const y = Math.exp(sigma * gauss());
        if (Math.abs(x / y - 1) <= 0.1) pair++;
        // The oracle predicts the noise-free latency 1.
        if (Math.abs(1 / x - 1) <= 0.1) oracle++;
      }
      expect(gaussianOracleWithin10(pair / n)).toBeCloseTo(oracle / n, 1);
      expect(Math.abs(gaussianOracleWithin10(pair / n) - oracle / n)).toBeLessThan(0.02);
    }
  });

  it(
    'finds no noise in the analytic FPGA model and clear, position-independent noise on the Pixel 3',
    { timeout: 30_000 },
    () => {
      const fpga = nb201NoiseCeiling('fpga');
      // 5^5 archs have edge 1→2 = none; 5^3 of them are their own mirror: (3125 − 125) / 2 = 1500 pairs.
      expect(fpga.pairs).toBe(1500);
      expect(fpga.pairWithin10).toBe(1);
      expect(fpga.invariantPairCeiling).toBe(1);
      expect(fpga.gaussianCeiling).toBe(1);
      expect(fpga.positionR2).toBeNaN();
      expect(fpga.medianAbsLogDiff).toBeLessThan(1e-9);
      const pixel = nb201NoiseCeiling('pixel3');
      expect(pixel.pairWithin10).toBeLessThan(0.9);
      expect(pixel.pairMeanWithin10).toBeGreaterThanOrEqual(pixel.pairWithin10);
      // An oracle is never worse than the other copy of the pair, and the exact pair bound caps it.
      expect(pixel.gaussianCeiling).toBeGreaterThan(pixel.pairWithin10);
      expect(pixel.invariantPairCeiling).toBeLessThan(1);
      expect(pixel.invariantPairCeiling).toBeGreaterThan(pixel.pairWithin10);
      // Which op sits on which branch does not explain the pair differences.
      expect(pixel.positionR2).toBeLessThan(0.2);
      expect(() => nb201NoiseCeiling('nope')).toThrow(HwInputError);
    },
  );
});
