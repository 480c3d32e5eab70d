import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { validateGraph } from '../../graph/validate-graph.js';
import { parseDartsGenotype } from './darts-genotype.js';
import { nb301Graph } from './nb301-graph.js';
import { mutateNb301, nb301Neighbours, sampleNb301 } from './nb301-space.js';

describe('NB-301 space', () => {
  it('samples valid genotypes reproducibly, with distinct inputs per node', () => {
    const rng = new Rng(11);
    const a = Array.from({ length: 20 }, () => sampleNb301(rng));
    const rng2 = new Rng(11);
    expect(Array.from({ length: 20 }, () => sampleNb301(rng2))).toEqual(a);
    for (const g of a) {
      parseDartsGenotype(g);
      for (const cell of [g.normal, g.reduce]) {
        for (let k = 0; k < 8; k += 2) expect(cell[k]![1]).not.toBe(cell[k + 1]![1]);
      }
    }
    validateGraph(nb301Graph(a[0]));
  });

  it('neighbours differ in exactly one op or input', () => {
    const g = sampleNb301(new Rng(4));
    const ns = nb301Neighbours(g);
    for (const n of ns) {
      let diff = 0;
      for (const key of ['normal', 'reduce'] as const) {
        g[key].forEach(([op, i], k) => (diff += (op !== n[key][k]![0] ? 1 : 0) + (i !== n[key][k]![1] ? 1 : 0)));
      }
      expect(diff).toBe(1);
    }
    expect(ns).toContainEqual(mutateNb301(g, new Rng(1)));
  });
});
