import { describe, expect, it } from 'vitest';

import { EnsembleInputError, UnknownFamilyError } from '../errors.js';
import { parseFinetuneSizes } from './finetune-sizes.js';

describe('parseFinetuneSizes', () => {
  it('reads one size for every family', () => {
    expect(parseFinetuneSizes('100')).toEqual({ nb101: 100, nb201: 100, nb301: 100 });
  });

  it('reads sizes per family and leaves the others out', () => {
    expect(parseFinetuneSizes('nb301=200, NB-101=25')).toEqual({ nb301: 200, nb101: 25 });
  });

  it('names a bad size, a missing "=", a repeated or unknown family', () => {
    for (const bad of ['1', '0', '2.5', '', 'many', 'nb301=', 'nb301=-4']) {
      expect(() => parseFinetuneSizes(bad)).toThrow(EnsembleInputError);
    }
    expect(() => parseFinetuneSizes('nb301=100,50')).toThrow(/family=size pairs.*"50"/);
    expect(() => parseFinetuneSizes('nb301=100,nb301=50')).toThrow(/nb301 appears twice/);
    expect(() => parseFinetuneSizes('nb999=10')).toThrow(UnknownFamilyError);
  });
});
