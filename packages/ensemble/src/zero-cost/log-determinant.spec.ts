import { describe, expect, it } from 'vitest';

import { logDeterminant } from './log-determinant.js';
import { ZeroCostError } from './zero-cost-error.js';

describe('logDeterminant', () => {
  it('matches hand-computed determinants', () => {
    expect(logDeterminant([2, 0, 0, 0, 3, 0, 0, 0, 4], 3)).toBeCloseTo(Math.log(24), 12);
    expect(logDeterminant([1, 2, 3, 4], 2)).toBeCloseTo(Math.log(2), 12); // det = -2
    // Needs a row swap: det [[0, 1], [1, 0]] = -1.
    expect(logDeterminant([0, 1, 1, 0], 2)).toBeCloseTo(0, 12);
    // det [[4, 2, 1], [2, 5, 3], [1, 3, 6]] = 4(30-9) - 2(12-3) + 1(6-5) = 67.
    expect(logDeterminant([4, 2, 1, 2, 5, 3, 1, 3, 6], 3)).toBeCloseTo(Math.log(67), 12);
  });

  it('does not modify its input and is -Infinity for singular matrices', () => {
    const a = [1, 2, 2, 4];
    expect(logDeterminant(a, 2)).toBe(-Infinity);
    expect(a).toEqual([1, 2, 2, 4]);
  });

  it('rejects a non-square input with a typed error', () => {
    expect(() => logDeterminant([1, 2, 3], 2)).toThrow(ZeroCostError);
  });
});
