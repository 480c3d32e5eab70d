import { Rng } from '@cgnas/native';
import { loadHwNasBenchFbnet } from '@cgnas/cg-core';
import { describe, expect, it } from 'vitest';

import { SearchInputError } from '../errors.js';
import { fbnetSpace, ofaMbv3Space, proxylessSpace } from './mobile-spaces.js';
import type { SearchSpace } from './search-space.js';

function contract<A>(space: SearchSpace<A>, seed: number): void {
  const rng = new Rng(seed);
  for (let t = 0; t < 30; t++) {
    const a = space.sample(rng);
    const b = space.sample(rng);
    for (const x of [a, space.mutate(a, rng), space.crossover(a, b, rng)]) {
      const text = space.encode(x);
      expect(space.encode(space.decode(text))).toBe(text); // valid members round-trip
      expect(space.features(x)).toHaveLength(space.featureSize);
    }
    expect(space.hash(space.mutate(a, rng))).not.toBe(space.hash(a));
  }
  expect(() => space.decode('not an arch')).toThrow(SearchInputError);
}

describe('mobile search spaces', () => {
  it('OFA-MBv3: valid variation, and inactive slots do not change the hash', () => {
    const space = ofaMbv3Space();
    contract(space, 1);
    const a = space.sample(new Rng(2));
    const d = [2, 2, 2, 2, 2];
    const x = { ...a, d };
    const ks = [...a.ks];
    ks[3] = ks[3] === 3 ? 5 : 3; // slot 3 of stage 0 is inactive at depth 2
    expect(space.hash({ ...x, ks })).toBe(space.hash(x));
    expect(Array.from(space.features({ ...x, ks }))).toEqual(Array.from(space.features(x)));
    expect(space.toGraph(x).nodes.length).toBeGreaterThan(10);
  });

  it('ProxylessNAS and FBNet: valid variation, features are one-hot per layer', () => {
    contract(proxylessSpace(), 3);
    const fb = fbnetSpace();
    contract(fb, 4);
    const blocks = loadHwNasBenchFbnet().rows[0]!.key.blocks.join(' ');
    const f = fb.features(fb.decode(blocks));
    expect(f.reduce((s, v) => s + v, 0)).toBe(22);
  });
});
