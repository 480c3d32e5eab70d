import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { EnsembleInputError } from '../errors.js';
import { averageRanks } from './average-ranks.js';
import { SCIPY_FIXTURES } from './fixtures/scipy-fixtures.js';
import { pearson, spearman } from './spearman.js';

describe('spearman', () => {
  it.each(SCIPY_FIXTURES.map((f) => [f.name, f] as const))('matches scipy.stats.spearmanr on %s', (_, f) => {
    expect(spearman(f.truth, f.pred)).toBeCloseTo(f.spearman, 12);
  });

  it('hand-worked: ranks average over ties and a monotone map gives 1', () => {
    expect(Array.from(averageRanks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBe(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    // d = [1, -1, 0] without ties: 1 - 6*2/(3*8) = 0.5
    expect(spearman([1, 2, 3], [2, 1, 3])).toBeCloseTo(0.5, 14);
  });

  it('pearson, hand-worked: sab 5, saa 2, sbb 114/9 for (1,2,3) vs (2,4,7)', () => {
    expect(pearson([1, 2, 3], [2, 4, 7])).toBeCloseTo(5 / Math.sqrt((2 * 114) / 9), 14);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it('is NaN for a constant input and rejects bad input with a typed error', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => spearman([1, 2], [1])).toThrow(EnsembleInputError);
    expect(() => spearman([1], [1])).toThrow(EnsembleInputError);
    expect(() => spearman([1, NaN, 3], [1, 2, 3])).toThrow(EnsembleInputError);
  });

  it('is symmetric and invariant to strictly increasing maps (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), {
          minLength: 2,
          maxLength: 40,
        }),
        (pairs) => {
          const a = pairs.map((p) => p[0]);
          const b = pairs.map((p) => p[1]);
          const r = spearman(a, b);
          const r2 = spearman(b, a);
          const r3 = spearman(
            a.map((v) => Math.exp(v)),
            b,
          );
          if (Number.isNaN(r)) return Number.isNaN(r2) && Number.isNaN(r3);
          return Math.abs(r - r2) < 1e-12 && Math.abs(r - r3) < 1e-12;
        },
      ),
    );
  });
});
