import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { ArchError } from '../arch-error.js';
import { formatNb201Arch, NB201_OPS, parseNb201Arch, type Nb201Arch } from './nb201-arch.js';

const opArb = fc.constantFrom(...NB201_OPS);
const archArb = fc.tuple(opArb, opArb, opArb, opArb, opArb, opArb) as fc.Arbitrary<Nb201Arch>;

// Heavy, data-wide checks: a generous timeout keeps them from flaking on a loaded machine.
describe('parseNb201Arch', { timeout: 30_000 }, () => {
  it('round-trips every well-formed arch (property)', () => {
    fc.assert(
      fc.property(archArb, (arch) => {
        expect(parseNb201Arch(formatNb201Arch(arch))).toEqual(arch);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects arbitrary and mutated strings with ArchError only (property)', () => {
    const mutated = fc
      .tuple(archArb, fc.nat(200), fc.string({ maxLength: 3 }), fc.nat(3))
      .map(([arch, at, text, del]) => {
        const s = formatNb201Arch(arch);
        const i = at % (s.length + 1);
        return s.slice(0, i) + text + s.slice(i + del);
      });
    fc.assert(
      fc.property(fc.oneof(fc.string(), mutated), (s) => {
        try {
          const arch = parseNb201Arch(s);
          expect(formatNb201Arch(arch)).toBe(s); // accepted only if it is exactly canonical
        } catch (e) {
          expect(e).toBeInstanceOf(ArchError);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('rejects non-strings with ArchError', () => {
    for (const v of [null, undefined, 42, {}, ['|none~0|']]) {
      expect(() => parseNb201Arch(v as unknown as string)).toThrow(ArchError);
    }
  });
});
