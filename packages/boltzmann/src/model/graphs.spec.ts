import { describe, expect, it } from 'vitest';

import { BoltzmannInputError } from '../errors.js';
import { chimeraGraph, chimeraIndex } from './chimera-graph.js';
import { completeGraph } from './complete-graph.js';
import { createIsingGraph } from './ising-model.js';
import { latticeGraph } from './lattice-graph.js';

function degrees(g: { n: number; edgeI: Int32Array; edgeJ: Int32Array }): number[] {
  const d = new Array<number>(g.n).fill(0);
  g.edgeI.forEach((i, e) => {
    d[i]!++;
    d[g.edgeJ[e]!]!++;
  });
  return d;
}

function hasEdge(g: { edgeI: Int32Array; edgeJ: Int32Array }, a: number, b: number): boolean {
  return g.edgeI.some((i, e) => i === Math.min(a, b) && g.edgeJ[e] === Math.max(a, b));
}

describe('graph generators', () => {
  it('Chimera(L) has 8L² spins, 16L² + 8L(L−1) edges, degree ≤ 6, and the D-Wave layout', () => {
    for (const L of [1, 2, 4]) {
      const g = chimeraGraph(L);
      expect(g.n).toBe(8 * L * L);
      expect(g.edgeI.length).toBe(16 * L * L + 8 * L * (L - 1));
      expect(Math.max(...degrees(g))).toBe(L > 2 ? 6 : L === 1 ? 4 : 5);
    }
    const g = chimeraGraph(3);
    expect(hasEdge(g, chimeraIndex(1, 1, 2, 3), chimeraIndex(2, 1, 2, 3))).toBe(true); // vertical: cell below
    expect(hasEdge(g, chimeraIndex(1, 1, 5, 3), chimeraIndex(1, 2, 5, 3))).toBe(true); // horizontal: cell right
    expect(hasEdge(g, chimeraIndex(1, 1, 2, 3), chimeraIndex(1, 2, 2, 3))).toBe(false);
    expect(hasEdge(g, chimeraIndex(1, 1, 0, 3), chimeraIndex(1, 1, 1, 3))).toBe(false); // bipartite cell
  });

  it('lattice and complete graphs have the expected edge counts', () => {
    expect(latticeGraph(3, 4).edgeI.length).toBe(3 * 3 + 2 * 4);
    expect(latticeGraph(3, 4, true).edgeI.length).toBe(24);
    expect(completeGraph(6).edgeI.length).toBe(15);
  });

  it('rejects bad sizes and edges with BoltzmannInputError', () => {
    expect(() => chimeraGraph(0)).toThrow(BoltzmannInputError);
    expect(() => latticeGraph(2, 2, true)).toThrow(BoltzmannInputError);
    expect(() => completeGraph(1.5)).toThrow(BoltzmannInputError);
    expect(() => createIsingGraph(3, [[0, 3]])).toThrow(BoltzmannInputError);
    expect(() =>
      createIsingGraph(3, [
        [0, 1],
        [1, 0],
      ]),
    ).toThrow(BoltzmannInputError);
  });
});
