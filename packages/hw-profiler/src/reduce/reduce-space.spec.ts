import { describe, expect, it } from 'vitest';

import { nb201Encoding } from '../encoding/nb201-encoding.js';
import { HwInputError } from '../errors.js';
import { BlockSubspace } from './block-subspace.js';
import { compareReduction } from './compare-reduction.js';
import { randomControlSpace, reduceSpace } from './reduce-space.js';

describe('space reduction', () => {
  it('keeps the blocks not dominated on (latency, accuracy) friendliness, at least minKeep', () => {
    // Block 1 is slower and less accurate than block 0: dominated. Block 2 is slow but accurate.
    const lat = [[0, 1, 2, 3]];
    const acc = [[0, -1, 2, 1]];
    expect(reduceSpace(lat, acc, { minKeep: 1 })).toEqual([[0, 2]]);
    expect(reduceSpace(lat, acc, { minKeep: 3 })).toEqual([[0, 1, 2]]);
    expect(reduceSpace(lat, null, { dropSlowest: 2, minKeep: 1 })).toEqual([[0, 1]]);
    expect(() => reduceSpace(lat, [[0], [1]])).toThrow(HwInputError);
  });

  it('control spaces match the sizes and are seeded', () => {
    const a = randomControlSpace([2, 3, 1], 5, 7);
    expect(a.map((x) => x.length)).toEqual([2, 3, 1]);
    expect(randomControlSpace([2, 3, 1], 5, 7)).toEqual(a);
  });

  it('NSGA-II in a subspace only visits allowed blocks, and the comparison is reproducible', () => {
    const allowed = [[0, 3], [1, 3], [3], [0, 2, 3], [3, 4], [1, 2]];
    const sub = new BlockSubspace(nb201Encoding, allowed);
    expect(sub.size).toBe(2 * 2 * 1 * 3 * 2 * 2);
    // Synthetic objectives: accuracy grows with convs, latency with conv cost.
    const seen: (readonly number[])[] = [];
    const obj = (b: readonly number[]): readonly [number, number] => {
      seen.push(b);
      return [
        b.filter((x) => x === 3).length * 10 + b.filter((x) => x === 2).length * 6,
        1 + b.filter((x) => x === 3).length * 3 + b.filter((x) => x === 2).length,
      ];
    };
    const original = nb201Encoding.positions.map(() => [0, 1, 2, 3, 4]);
    const run = () =>
      compareReduction(
        nb201Encoding,
        { original, reduced: allowed, control: allowed },
        obj,
        { accuracy: [0, 60], latency: [1, 19] },
        { budget: 40, population: 10, seeds: [0, 1] },
      );
    const r1 = run();
    expect(seen.length).toBeGreaterThan(0);
    expect(r1.map((v) => v.variant)).toEqual(['original', 'reduced', 'control']);
    for (const v of r1) {
      for (const h of v.hypervolumes) {
        expect(h).toBeGreaterThan(0);
        expect(h).toBeLessThanOrEqual(1);
      }
    }
    expect(run().map((v) => v.hypervolume)).toEqual(r1.map((v) => v.hypervolume));
    seen.length = 0;
    compareReduction(
      nb201Encoding,
      { original: allowed, reduced: allowed, control: allowed },
      obj,
      { accuracy: [0, 60], latency: [1, 19] },
      { budget: 20, population: 10, seeds: [3] },
    );
    for (const b of seen) b.forEach((x, p) => expect(allowed[p]).toContain(x));
  });
});
