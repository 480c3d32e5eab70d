import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { isValidNb101, pruneNb101 } from './nb101-spec.js';
import { mutateNb101, nb101Neighbours, sampleNb101 } from './nb101-space.js';

describe('NB-101 space', () => {
  it('samples valid specs reproducibly', () => {
    const draw = (seed: number) => ((rng) => Array.from({ length: 50 }, () => sampleNb101(rng)))(new Rng(seed));
    const a = draw(1);
    expect(draw(1)).toEqual(a);
    expect(draw(2)).not.toEqual(a);
    for (const s of a) expect(isValidNb101(s)).toBe(true);
  });

  it('neighbours are valid and differ in exactly one edge or one op', () => {
    const spec = sampleNb101(new Rng(5));
    const base = pruneNb101(spec);
    const ns = nb101Neighbours(spec);
    expect(ns.length).toBeGreaterThan(0);
    for (const nb of ns) {
      expect(isValidNb101(nb)).toBe(true);
      let diff = 0;
      base.matrix.forEach((row, i) => row.forEach((v, j) => (diff += v !== nb.matrix[i]![j] ? 1 : 0)));
      base.ops.forEach((op, i) => (diff += op !== nb.ops[i] ? 1 : 0));
      expect(diff).toBe(1);
    }
    expect(ns).toContainEqual(mutateNb101(spec, new Rng(9)));
  });
});
