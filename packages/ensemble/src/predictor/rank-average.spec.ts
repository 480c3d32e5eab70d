import { describe, expect, it } from 'vitest';

import { EnsembleInputError } from '../errors.js';
import { rankAverage } from './rank-average.js';

describe('rankAverage', () => {
  it('hand-worked: mixes members by rank, not by scale', () => {
    // member A ranks [1, 2, 3] / 3, member B (huge scale) ranks [3, 1, 2] / 3; weights 3:1
    const out = rankAverage(
      [
        [0.1, 0.2, 0.3],
        [1e9, 1, 2],
      ],
      [3, 1],
    );
    expect(out[0]).toBeCloseTo(0.75 * (1 / 3) + 0.25 * 1, 14);
    expect(out[1]).toBeCloseTo(0.75 * (2 / 3) + 0.25 * (1 / 3), 14);
    expect(out[2]).toBeCloseTo(0.75 * 1 + 0.25 * (2 / 3), 14);
  });

  it('rejects mismatched members and weights', () => {
    expect(() => rankAverage([[1, 2]], [1, 1])).toThrow(EnsembleInputError);
    expect(() => rankAverage([[1, 2], [1]], [1, 1])).toThrow(EnsembleInputError);
  });
});
