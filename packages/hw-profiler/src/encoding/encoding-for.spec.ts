import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { HwInputError } from '../errors.js';
import { encodingFor } from './encoding-for.js';
import { HW_SPACES } from './space-encoding.js';

describe('space encodings', () => {
  it.each(HW_SPACES)('%s: format(parse(x)) round-trips every sampled arch', (space) => {
    const enc = encodingFor(space);
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 60, maxLength: 60 }), (draws) => {
        let k = 0;
        const arch = enc.sample((n) => draws[k++ % draws.length]! % n);
        const back = enc.parse(enc.format(arch));
        expect(back.blocks).toEqual(arch.blocks);
        expect(back.depths).toEqual(arch.depths);
        expect(back.resolution).toBe(arch.resolution);
      }),
      { numRuns: 50 },
    );
  });

  it.each(HW_SPACES)('%s: rejects arbitrary text with HwInputError', (space) => {
    const enc = encodingFor(space);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(() => enc.parse(s)).toThrow(HwInputError);
      }),
      { numRuns: 100 },
    );
  });

  it('nb201 indicators mark one op per edge in arch-string order', () => {
    const enc = encodingFor('nb201');
    const a = enc.parse('|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|none~2|');
    expect(a.blocks).toEqual([3, 0, 1, 4, 2, 0]);
    const f = enc.indicators(a);
    expect([...f].reduce((s, v) => s + v, 0)).toBe(6);
    expect(f[0 * 5 + 3]).toBe(1);
    expect(f[3 * 5 + 4]).toBe(1);
  });

  it('ofa-mbv3 marks layers beyond the unit depth inactive and scales indicators by (r/224)^2', () => {
    const enc = encodingFor('ofa-mbv3');
    const ks = Array.from({ length: 20 }, () => 7);
    const e = Array.from({ length: 20 }, () => 6);
    const a = enc.parse(`r=112|d=2,3,4,2,3|ks=${ks.join(',')}|e=${e.join(',')}`.replace('r=112', 'r=128'));
    expect(a.blocks.filter((b) => b >= 0)).toHaveLength(14);
    expect(a.blocks.slice(0, 4)).toEqual([8, 8, -1, -1]);
    const f = enc.indicators(a);
    expect(f[f.length - 1]).toBeCloseTo((128 / 224) ** 2, 12);
  });
});
