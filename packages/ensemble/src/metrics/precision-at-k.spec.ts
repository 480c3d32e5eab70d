import { describe, expect, it } from 'vitest';

import { EnsembleInputError } from '../errors.js';
import { precisionAtK } from './precision-at-k.js';

describe('precisionAtK', () => {
  it('hand-worked', () => {
    // true top-2 = {3, 2}; predicted top-2 = {3, 0}
    expect(precisionAtK([1, 2, 3, 4], [3.5, 0, 1, 4], 2)).toBe(0.5);
    expect(precisionAtK([1, 2, 3, 4], [1, 2, 3, 4], 3)).toBe(1);
    expect(() => precisionAtK([1, 2], [1, 2], 3)).toThrow(EnsembleInputError);
  });
});
