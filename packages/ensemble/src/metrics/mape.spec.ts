import { describe, expect, it } from 'vitest';

import { EnsembleInputError } from '../errors.js';
import { mape } from './mape.js';

describe('mape', () => {
  it('hand-worked, in percent', () => {
    expect(mape([100, 50], [90, 55])).toBeCloseTo(10, 12);
    expect(() => mape([0, 1], [1, 1])).toThrow(EnsembleInputError);
  });
});
