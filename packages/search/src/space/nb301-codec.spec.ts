import { Rng } from '@cgnas/native';
import { loadNb301Sample } from '@cgnas/cg-core';
import { describe, expect, it } from 'vitest';

import { SearchInputError } from '../errors.js';
import { nb301Oracle } from '../oracle/sample-oracles.js';
import { nb301Codec } from './nb301-codec.js';
import { nb301SampleSpace } from './sample-spaces.js';

describe('nb301Codec and the NB-301 sample space', () => {
  const sample = loadNb301Sample();

  it("round-trips genotypes and ignores the order of a node's two inputs in the hash", () => {
    const r = sample[0]!;
    const arch = { normal: r.normal, reduce: r.reduce };
    expect(nb301Codec.decode(nb301Codec.encode(arch))).toEqual(arch);
    const swapped = { normal: [r.normal[1]!, r.normal[0]!, ...r.normal.slice(2)], reduce: r.reduce };
    expect(nb301Codec.hash(swapped)).toBe(nb301Codec.hash(arch));
    expect(nb301Codec.distance(swapped, arch)).toBe(0);
    expect(() => nb301Codec.decode('max_pool_3x3~7|')).toThrow(SearchInputError);
  });

  it('answers every sampled genotype from the oracle and mutates within the sample', () => {
    const space = nb301SampleSpace();
    const oracle = nb301Oracle(['acc', 'params']);
    const rng = new Rng(5);
    for (let t = 0; t < 10; t++) {
      const a = space.mutate(space.sample(rng), rng);
      const [acc, params] = oracle.query(a);
      expect(acc).toBeGreaterThan(80);
      expect(params).toBeGreaterThan(0);
    }
    expect(oracle.queries).toBe(10);
    const first = sample[0]!;
    expect(oracle.query({ normal: first.normal, reduce: first.reduce })[0]).toBe(first.valAccuracy);
  });
});
