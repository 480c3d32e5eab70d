import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { validateGraph } from '../../graph/validate-graph.js';
import { nb101Family } from '../nb101/nb101-family.js';
import { nb301Family } from '../nb301/nb301-family.js';
import { ArchError } from '../arch-error.js';
import { nb201Family } from './nb201-family.js';

describe('NB-101/201/301 as ArchFamily', () => {
  it('sample → encode → parse round-trips and builds valid graphs tagged with the family', () => {
    const rng = new Rng(12);
    for (const family of [nb201Family, nb101Family, nb301Family] as const) {
      for (let i = 0; i < 5; i++) {
        const arch = (family.sample as (r: Rng) => unknown)(rng);
        const enc = (family.encode as (a: unknown) => string)(arch);
        const back = family.parse(enc);
        expect((family.encode as (a: unknown) => string)(back)).toBe(enc);
        const g = validateGraph((family.toGraph as (a: unknown) => ReturnType<typeof nb201Family.toGraph>)(back));
        expect(g.meta.family).toBe(family.name);
        const m = (family.mutate as (a: unknown, r: Rng) => unknown)(back, rng);
        expect((family.encode as (a: unknown) => string)(m)).not.toBe(enc);
      }
    }
  });

  it('parses data-file rows and rejects junk with ArchError', () => {
    const s = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';
    expect(nb201Family.parse({ arch_str: s })).toBe(s);
    for (const family of [nb201Family, nb101Family, nb301Family]) {
      for (const junk of [null, 3, '{', '{}', { arch_str: 1 }]) expect(() => family.parse(junk)).toThrow(ArchError);
    }
  });
});
