import { describe, expect, it } from 'vitest';

import { EnsembleInputError } from '../errors.js';
import { mae } from './mae.js';

describe('mae', () => {
  it('hand-worked', () => {
    expect(mae([1, 2, 3], [2, 2, 1])).toBeCloseTo(1, 14);
    expect(() => mae([], [])).toThrow(EnsembleInputError);
  });
});
