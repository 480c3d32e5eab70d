import { describe, expect, it } from 'vitest';

import { EnsembleInputError } from '../errors.js';
import { SCIPY_FIXTURES } from './fixtures/scipy-fixtures.js';
import { ndcgAtK } from './ndcg-at-k.js';

describe('ndcgAtK', () => {
  for (const f of SCIPY_FIXTURES) {
    for (const [k, v] of Object.entries(f.ndcg)) {
      it(`matches the numpy reference (sklearn tie-averaged DCG) on ${f.name}, k=${k}`, () => {
        expect(ndcgAtK(f.truth, f.pred, Number(k))).toBeCloseTo(v, 12);
      });
    }
  }

  it('hand-worked: relevance 0/10/20, predicted order reversed', () => {
    // rel = [0, 10, 20]; predicted puts 0 first, 10, then 20. DCG@2 = 0/1 + 10/log2(3); IDCG@2 = 20 + 10/log2(3).
    const expected = 10 / Math.log2(3) / (20 + 10 / Math.log2(3));
    expect(ndcgAtK([1, 2, 3], [3, 2, 1], 2)).toBeCloseTo(expected, 14);
    expect(ndcgAtK([1, 2, 3], [1, 2, 3], 2)).toBeCloseTo(1, 14);
  });

  it('rejects a bad k', () => {
    expect(() => ndcgAtK([1, 2], [1, 2], 0)).toThrow(EnsembleInputError);
  });
});
