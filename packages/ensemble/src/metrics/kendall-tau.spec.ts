import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { Rng } from '@cgnas/native';

import { EnsembleInputError } from '../errors.js';
import { SCIPY_FIXTURES } from './fixtures/scipy-fixtures.js';
import { kendallTau } from './kendall-tau.js';

/** The O(n^2) definition of tau-b: an independent reference for the merge-sort algorithm. */
function tauBPairs(x: number[], y: number[]): number {
  let s = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const a = Math.sign(x[i]! - x[j]!);
      const b = Math.sign(y[i]! - y[j]!);
      s += a * b;
      if (a !== 0) tx++;
      if (b !== 0) ty++;
    }
  }
  return s / Math.sqrt(tx * ty);
}

describe('kendallTau', () => {
  it.each(SCIPY_FIXTURES.map((f) => [f.name, f] as const))('matches scipy.stats.kendalltau (tau-b) on %s', (_, f) => {
    expect(kendallTau(f.truth, f.pred)).toBeCloseTo(f.kendall_tau_b, 12);
  });

  it('hand-worked: one swap among 4 items gives (5 - 1) / 6', () => {
    expect(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(4 / 6, 14);
    // x ties (1,2): pairs 6, x-tied 1, con 4, dis 1 -> 3 / sqrt(5 * 6)
    expect(kendallTau([1, 1, 2, 3], [1, 3, 2, 4])).toBeCloseTo(3 / Math.sqrt(30), 14);
  });

  it('agrees with the O(n^2) definition on random data with many ties (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), {
          minLength: 2,
          maxLength: 60,
        }),
        (pairs) => {
          const x = pairs.map((p) => p[0]);
          const y = pairs.map((p) => p[1]);
          const fast = kendallTau(x, y);
          const slow = tauBPairs(x, y);
          return Number.isNaN(fast) ? !Number.isFinite(slow) : Math.abs(fast - slow) < 1e-12;
        },
      ),
    );
  });

  it('handles 15k items (the NB-201 test-set size) against the pair definition on a slice', () => {
    const rng = new Rng(3);
    const x = Array.from({ length: 15000 }, () => Math.round(rng.normal() * 20));
    const y = x.map((v) => v + Math.round(rng.normal() * 10));
    const t = kendallTau(x, y);
    expect(t).toBeGreaterThan(0.5);
    expect(kendallTau(x.slice(0, 1500), y.slice(0, 1500))).toBeCloseTo(
      tauBPairs(x.slice(0, 1500), y.slice(0, 1500)),
      12,
    );
  });

  it('rejects mismatched lengths and NaN', () => {
    expect(() => kendallTau([1, 2, 3], [1, 2])).toThrow(EnsembleInputError);
    expect(() => kendallTau([1, 2, NaN], [1, 2, 3])).toThrow(EnsembleInputError);
  });
});
