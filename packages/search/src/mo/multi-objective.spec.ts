import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { SearchInputError } from '../errors.js';
import { crowdingDistance } from './crowding-distance.js';
import { hypervolume } from './hypervolume.js';
import { dominates, nonDominatedSort } from './non-dominated-sort.js';

/** Exact volume of a union of boxes [p, ref] by inclusion–exclusion (independent of the sweep). */
function unionVolume(points: number[][], ref: number[]): number {
  const n = points.length;
  let total = 0;
  for (let mask = 1; mask < 1 << n; mask++) {
    const corner = ref.map((_, k) => Math.max(...points.filter((_, i) => mask & (1 << i)).map((p) => p[k]!)));
    const vol = corner.reduce((s, c, k) => s * Math.max(0, ref[k]! - c), 1);
    const bits = mask.toString(2).replace(/0/g, '').length;
    total += bits % 2 ? vol : -vol;
  }
  return total;
}

describe('multi-objective tools', () => {
  it('sorts into fronts consistent with pairwise dominance (brute force)', () => {
    const rng = new Rng(4);
    const pts = Array.from({ length: 40 }, () => [rng.int(10), rng.int(10), rng.int(10)]);
    const fronts = nonDominatedSort(pts);
    expect(fronts.flat().sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
    const rank = new Map<number, number>();
    fronts.forEach((f, r) => f.forEach((i) => rank.set(i, r)));
    for (let i = 0; i < 40; i++) {
      const dominators = pts.map((q, j) => (dominates(q, pts[i]!) ? j : -1)).filter((j) => j >= 0);
      // Rank = 1 + highest rank among dominators (0 when non-dominated).
      const expected = dominators.length === 0 ? 0 : 1 + Math.max(...dominators.map((j) => rank.get(j)!));
      expect(rank.get(i)).toBe(expected);
    }
  });

  it('gives boundary points infinite crowding and interior ones the normalised neighbour gap', () => {
    const d = crowdingDistance([
      [0, 4],
      [1, 2],
      [4, 0],
    ]);
    expect(d[0]).toBe(Infinity);
    expect(d[2]).toBe(Infinity);
    expect(d[1]).toBeCloseTo(4 / 4 + 4 / 4, 12);
  });

  it('computes exact 2-D and 3-D hypervolume (inclusion–exclusion reference)', () => {
    const rng = new Rng(9);
    for (const dim of [2, 3]) {
      for (let t = 0; t < 20; t++) {
        const pts = Array.from({ length: 1 + rng.int(8) }, () => Array.from({ length: dim }, () => rng.float()));
        const ref = new Array<number>(dim).fill(1.1);
        expect(hypervolume(pts, ref)).toBeCloseTo(unionVolume(pts, ref), 10);
      }
    }
    expect(hypervolume([[0.5, 0.5]], [1, 1])).toBeCloseTo(0.25, 12);
    expect(() => hypervolume([[0]], [1])).toThrow(SearchInputError);
    expect(() => hypervolume([[NaN, 1]], [1, 1])).toThrow(SearchInputError);
  });
});
