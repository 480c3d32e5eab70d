import { describe, expect, it } from 'vitest';

import { Rng } from '@cgnas/native';

import { mutateAllowed, sampleAllowed, uniformCrossover } from './allowed-genes.js';

const allowed = [[0, 2], [1], [3, 4, 5]];

describe('allowed-gene operators', () => {
  it('sample and mutate stay inside the allowed values; mutate moves exactly one movable gene', () => {
    const rng = new Rng(4);
    for (let t = 0; t < 50; t++) {
      const genes = sampleAllowed(allowed, rng);
      genes.forEach((v, g) => expect(allowed[g]).toContain(v));
      const next = mutateAllowed(genes, allowed, rng, (g) => g !== 0);
      const changed = next.map((v, g) => (v !== genes[g] ? g : -1)).filter((g) => g >= 0);
      // Gene 0 may not move, gene 1 has no alternative: only gene 2 can change.
      expect(changed).toEqual([2]);
      expect(allowed[2]).toContain(next[2]);
    }
    expect(mutateAllowed([0, 1, 3], allowed, rng, () => false)).toEqual([0, 1, 3]);
  });

  it('uniform crossover takes each gene from one parent and is seeded', () => {
    const a = [0, 0, 0, 0, 0, 0, 0, 0];
    const b = [1, 1, 1, 1, 1, 1, 1, 1];
    const child = uniformCrossover(a, b, new Rng(9));
    expect(child).toEqual(uniformCrossover(a, b, new Rng(9)));
    expect(new Set(child).size).toBe(2);
  });
});
