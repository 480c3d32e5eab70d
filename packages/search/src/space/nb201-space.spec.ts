import { Rng } from '@cgnas/native';
import { NB201_OPS, graphCost, loadNb201 } from '@cgnas/cg-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { SearchInputError } from '../errors.js';
import { Nb201Space } from './nb201-space.js';

const space = new Nb201Space();
const archArb = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 6, maxLength: 6 });

describe('Nb201Space', () => {
  it('encodes every benchmark arch string losslessly and covers the whole table', () => {
    const all = Nb201Space.all();
    expect(all).toHaveLength(15625);
    const encoded = new Set(all.map((a) => space.encode(a)));
    for (const r of loadNb201()) expect(encoded.has(r.archStr)).toBe(true);
    for (const r of loadNb201().slice(0, 200)) expect(space.encode(space.decode(r.archStr))).toBe(r.archStr);
  });

  it('round-trips encode/decode for any arch (property)', () => {
    fc.assert(
      fc.property(archArb, (a) => {
        expect(space.decode(space.encode(a))).toEqual(a);
      }),
    );
  });

  it('rejects malformed strings and archs with SearchInputError (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!s.startsWith('|'));
        expect(() => space.decode(s)).toThrow(SearchInputError);
      }),
    );
    expect(() => space.decode('|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|')).toThrow(SearchInputError);
    expect(() => space.mutate([0, 1, 2], new Rng(1))).toThrow(SearchInputError);
    expect(() => space.hash([0, 1, 2, 3, 4, 5])).toThrow(SearchInputError);
  });

  it('hashes into the 6,466 unique cells NAS-Bench-201 reports', () => {
    expect(new Set(Nb201Space.all().map((a) => space.hash(a))).size).toBe(6466);
  });

  it('gives isomorphic cells one hash: dead edges and skip connections pass through', () => {
    const conv3 = NB201_OPS.indexOf('nor_conv_3x3');
    const conv1 = NB201_OPS.indexOf('nor_conv_1x1');
    // Node 2 never reaches the output (2→3 is none), so its incoming edges are dead.
    const a = [conv3, conv1, conv3, conv1, conv3, 0];
    const b = [conv3, conv3, 4, conv1, conv3, 0];
    expect(space.hash(a)).toBe(space.hash(b));
    // skip 0→1 then conv 1→3 is conv 0→3.
    expect(space.hash([1, 0, 0, 0, conv3, 0])).toBe(space.hash([0, 0, 0, conv3, 0, 0]));
    expect(space.hash([conv3, 0, 0, 0, 1, 0])).toBe(space.hash([1, 0, 0, 0, conv3, 0]));
    expect(space.hash([conv3, conv1, 0, 0, 4, 1])).not.toBe(space.hash([conv3, conv1, 0, 0, 1, 4]));
  });

  it('mutates exactly one edge to a different op; crossover takes each edge from a parent', () => {
    const rng = new Rng(3);
    for (let t = 0; t < 200; t++) {
      const a = space.sample(rng);
      const m = space.mutate(a, rng);
      expect(m.filter((op, e) => op !== a[e]).length).toBe(1);
      const b = space.sample(rng);
      const c = space.crossover(a, b, rng);
      c.forEach((op, e) => expect([a[e], b[e]]).toContain(op));
    }
    const nb = space.neighbours([0, 0, 0, 0, 0, 0]);
    expect(nb).toHaveLength(24);
    expect(new Set(nb.map((x) => x.join(''))).size).toBe(24);
  });

  it('samples uniformly over ops (chi-square, 5 bins)', () => {
    const rng = new Rng(11);
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < 2000; i++) for (const op of space.sample(rng)) counts[op]!++;
    const expected = (2000 * 6) / 5;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(18.5); // p = 0.001 at 4 degrees of freedom
  });

  it('makes features of fixed size that agree for cells differing only in dead edges', () => {
    const f = space.features([3, 2, 3, 2, 3, 0]);
    expect(f).toHaveLength(space.featureSize);
    expect(Array.from(space.features([3, 3, 4, 2, 3, 0]))).toEqual(Array.from(f));
    expect(f.slice(0, 30).reduce((s, v) => s + v, 0)).toBe(6);
  });

  it('builds graphs with cg-core by default (params agree with the benchmark), or with a given builder', () => {
    const row = loadNb201()[1]!;
    const params = graphCost(space.toGraph(space.decode(row.archStr))).params / 1e6;
    expect(params).toBeCloseTo(row.paramsM, 2);
    const seen: string[] = [];
    const withGraph = new Nb201Space({
      toGraph: (s) => (seen.push(s), { nodes: [], edges: [], outputs: 0, meta: {} }) as never,
    });
    withGraph.toGraph([1, 1, 1, 1, 1, 1]);
    expect(seen).toEqual([withGraph.encode([1, 1, 1, 1, 1, 1])]);
  });
});
