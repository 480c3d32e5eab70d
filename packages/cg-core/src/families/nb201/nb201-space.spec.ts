import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { parseNb201Arch } from './nb201-arch.js';
import { mutateNb201, nb201Neighbours, sampleNb201 } from './nb201-space.js';

describe('NB-201 space', () => {
  it('samples valid strings, reproducibly per seed, covering every op on every edge', () => {
    const a = Array.from(
      { length: 500 },
      (
        (rng) => () =>
          sampleNb201(rng)
      )(new Rng(7)),
    );
    const b = Array.from(
      { length: 500 },
      (
        (rng) => () =>
          sampleNb201(rng)
      )(new Rng(7)),
    );
    expect(a).toEqual(b);
    const seen = new Set<string>();
    for (const s of a) parseNb201Arch(s).forEach((op, e) => seen.add(`${e}:${op}`));
    expect(seen.size).toBe(30);
    // Uniform: each op appears on edge 0 about 100 times in 500 draws.
    const counts = new Map<string, number>();
    for (const s of a) counts.set(parseNb201Arch(s)[0], (counts.get(parseNb201Arch(s)[0]) ?? 0) + 1);
    for (const c of counts.values()) expect(c).toBeGreaterThan(60);
  });

  it('has 24 distinct neighbours, each one edge away', () => {
    const s = '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|';
    const ns = nb201Neighbours(s);
    expect(new Set(ns).size).toBe(24);
    const base = parseNb201Arch(s);
    for (const n of ns) {
      const diff = parseNb201Arch(n).filter((op, e) => op !== base[e]).length;
      expect(diff).toBe(1);
    }
    expect(ns).toContain(mutateNb201(s, new Rng(3)));
  });
});
