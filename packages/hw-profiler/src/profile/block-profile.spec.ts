import { describe, expect, it } from 'vitest';
import { Rng } from '@cgnas/native';

import { nb201Encoding } from '../encoding/nb201-encoding.js';
import { ofaMbv3Encoding } from '../encoding/ofa-mbv3-encoding.js';
import type { BlockArch } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';
import { blockProfile, forceBlock, sampleStats } from './block-profile.js';
import { blockRegression } from './block-regression.js';

// A synthetic additive cost: block b at position p costs (p + 1) · b.
const cost = (a: BlockArch): number => a.blocks.reduce((s, b, p) => s + (b >= 0 ? (p + 1) * b : 0), 0);

describe('block profiling', () => {
  it('forced-sampling friendliness converges to the additive cost minus its position average', () => {
    const prof = blockProfile(nb201Encoding, [{ name: 'cost', sense: 'min' }], (archs) => archs.map((a) => [cost(a)]), {
      n: 3000,
      seed: 1,
    });
    // Expected: (p + 1) · (b − 2) (mean block index is 2 for 5 blocks); the sampling error of the
    // difference of two 3000-sample means is about 0.35 here, so 1.5 is a 4σ band.
    prof.friendliness[0]!.forEach((row, p) =>
      row.forEach((f, b) => expect(Math.abs(f - (p + 1) * (b - 2))).toBeLessThan(1.5)),
    );
    // Placement impact: std over p of (p + 1)(b − 2) = |b − 2| · std(1..6).
    const std16 = Math.sqrt(35 / 12);
    prof.placementImpact[0]!.forEach((v, b) => expect(v).toBeCloseTo(Math.abs(b - 2) * std16, 0));
  });

  it('regression friendliness is exact with R² = 1 for an additive metric', () => {
    const rng = new Rng(4);
    const archs = Array.from({ length: 400 }, () => nb201Encoding.sample((n) => rng.int(n)));
    const s = blockRegression('nb201', 'cost', archs, archs.map(cost), 0);
    expect(s.r2).toBeCloseTo(1, 8);
    s.friendliness.forEach((row, p) => row.forEach((f, b) => expect(f).toBeCloseTo((p + 1) * (b - 2), 4)));
  });

  it('the correct depth rule keeps the forced block active; the legacy rule often does not', () => {
    const rng = new Rng(5);
    const p = 3; // unit 0, layer 3: active only at depth 4
    let legacyActive = 0;
    for (let i = 0; i < 200; i++) {
      const a = ofaMbv3Encoding.sample((n) => rng.int(n));
      const c = forceBlock(ofaMbv3Encoding, a, p, 4, 'correct', rng);
      expect(c.active).toBe(true);
      expect(c.arch.blocks[p]).toBe(4);
      expect(c.arch.depths[0]).toBe(4);
      expect(c.arch.blocks.slice(0, 4).every((b) => b >= 0)).toBe(true);
      if (forceBlock(ofaMbv3Encoding, a, p, 4, 'legacy', rng).active) legacyActive++;
    }
    expect(legacyActive / 200).toBeGreaterThan(0.2);
    expect(legacyActive / 200).toBeLessThan(0.5);
  });

  it('sampleStats reports quartiles, best and worst by sense', () => {
    const s = sampleStats([4, 1, 3, 2, 5], 'max');
    expect([s.mean, s.median, s.q25, s.q75, s.best, s.worst]).toEqual([3, 3, 2, 4, 5, 1]);
    expect(s.std).toBeCloseTo(Math.SQRT2, 12);
    expect(() => sampleStats([], 'min')).toThrow(HwInputError);
    expect(() => blockProfile(nb201Encoding, [], () => [])).toThrow(HwInputError);
  });
});
