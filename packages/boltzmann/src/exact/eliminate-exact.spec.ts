import { describe, expect, it } from 'vitest';

import { Rng } from '@cgnas/native';
import { BoltzmannInputError } from '../errors.js';
import { chimeraGraph } from '../model/chimera-graph.js';
import { completeGraph } from '../model/complete-graph.js';
import { createIsingModel, type IsingGraph, type IsingModel } from '../model/ising-model.js';
import { latticeGraph } from '../model/lattice-graph.js';
import { eliminateExact, eliminationSteps } from './eliminate-exact.js';
import { enumerateExact } from './enumerate-exact.js';

function randomModel(graph: IsingGraph, seed: number, scale = 1): IsingModel {
  const rng = new Rng(seed);
  return createIsingModel(
    graph,
    Array.from({ length: graph.n }, () => rng.uniform(-scale, scale)),
    Array.from(graph.edgeI, () => rng.uniform(-scale, scale)),
  );
}

function expectSame(a: ReturnType<typeof eliminateExact>, b: ReturnType<typeof eliminateExact>, digits: number): void {
  expect(a.logZ).toBeCloseTo(b.logZ, digits);
  a.mean.forEach((v, i) => expect(v).toBeCloseTo(b.mean[i]!, digits));
  a.corr.forEach((v, e) => expect(v).toBeCloseTo(b.corr[e]!, digits));
}

describe('eliminateExact', () => {
  const cases: Array<[string, IsingModel]> = [
    ['Chimera(1)', randomModel(chimeraGraph(1), 1)],
    ['Chimera 2×1 (n = 16)', randomModel(chimeraGraph(2, 1), 2)],
    ['Chimera 1×2, strong couplings', randomModel(chimeraGraph(1, 2), 3, 6)],
    ['4×4 lattice', randomModel(latticeGraph(4, 4), 4)],
    ['K6', randomModel(completeGraph(6), 5)],
  ];
  for (const [name, model] of cases) {
    it(`matches Gray-code enumeration on ${name}`, () => {
      expectSame(eliminateExact(model), enumerateExact(model), 9);
    });
  }

  it('gives the same answer for two different orders on Chimera(2) (n = 32)', () => {
    const model = randomModel(chimeraGraph(2), 6);
    const reversed = Int32Array.from({ length: 32 }, (_, i) => 31 - i);
    // Cells column by column: a different path decomposition of the same graph.
    const byColumn = Int32Array.from({ length: 32 }, (_, t) => {
      const cell = Math.floor(t / 8);
      const [r, c] = [cell % 2, Math.floor(cell / 2)];
      return (r * 2 + c) * 8 + (t % 8);
    });
    const base = eliminateExact(model);
    expectSame(eliminateExact(model, { order: reversed }), base, 9);
    expectSame(eliminateExact(model, { order: byColumn }), base, 9);
  });

  it('keeps a frontier of at most 4L + 4 spins on Chimera(L) in index order', () => {
    for (const L of [2, 3, 4]) {
      const model = createIsingModel(
        chimeraGraph(L),
        new Float64Array(8 * L * L),
        new Float64Array(24 * L * L - 8 * L),
      );
      const width = Math.max(
        ...eliminationSteps(
          model,
          Int32Array.from({ length: model.n }, (_, i) => i),
        ).map((s) => s.kept.length),
      );
      expect(width).toBeLessThanOrEqual(4 * L + 4);
    }
  });

  it('computes log Z of Chimera(3) (n = 72) without moments; free spins give n log 2', () => {
    const zero = createIsingModel(chimeraGraph(3), new Float64Array(72), new Float64Array(192));
    expect(eliminateExact(zero, { moments: false }).logZ).toBeCloseTo(72 * Math.log(2), 8);
  });

  it('rejects a bad order or a too-wide one with BoltzmannInputError', () => {
    const model = randomModel(completeGraph(6), 7);
    expect(() => eliminateExact(model, { order: [0, 1, 2, 3, 4, 4] })).toThrow(BoltzmannInputError);
    expect(() => eliminateExact(model, { maxWidth: 3 })).toThrow(BoltzmannInputError);
  });
});
