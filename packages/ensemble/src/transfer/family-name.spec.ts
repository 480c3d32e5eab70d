import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { UnknownFamilyError } from '../errors.js';
import { FAMILY_NAMES, parseFamilyName } from './family-name.js';

describe('parseFamilyName', () => {
  it('accepts the known names in common spellings', () => {
    expect(parseFamilyName('nb201')).toBe('nb201');
    expect(parseFamilyName(' NB-101 ')).toBe('nb101');
  });

  it('throws UnknownFamilyError for anything else (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const norm = s.trim().toLowerCase().replace(/-/g, '');
        if ((FAMILY_NAMES as readonly string[]).includes(norm)) return true;
        expect(() => parseFamilyName(s)).toThrow(UnknownFamilyError);
        return true;
      }),
    );
  });
});
