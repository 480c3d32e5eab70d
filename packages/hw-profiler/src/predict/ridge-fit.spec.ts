import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { HwInputError } from '../errors.js';
import { ridgeFit, ridgePredict } from './ridge-fit.js';

describe('ridgeFit', () => {
  it('recovers the generating weights of noise-free data', () => {
    const rng = new Rng(1);
    const w = [2, -1, 0.5, 3];
    const x = Array.from({ length: 200 }, () => Float64Array.from(w, () => rng.float() * 2 - 1));
    const y = x.map((r) => 1.5 + r.reduce((s, v, j) => s + v * w[j]!, 0));
    const m = ridgeFit(x, y, 0);
    expect(m.intercept).toBeCloseTo(1.5, 6);
    w.forEach((v, j) => expect(m.weights[j]).toBeCloseTo(v, 6));
    expect(ridgePredict(m, Float64Array.of(1, 1, 1, 1))).toBeCloseTo(1.5 + 4.5, 6);
  });

  it('solves collinear one-hot groups (predictions stay exact)', () => {
    // Two positions × two blocks, always one block per position: the indicator columns are collinear.
    const cost = [
      [1, 4],
      [2, 7],
    ];
    const x: Float64Array[] = [];
    const y: number[] = [];
    for (const a of [0, 1])
      for (const b of [0, 1]) {
        x.push(Float64Array.of(a === 0 ? 1 : 0, a === 1 ? 1 : 0, b === 0 ? 1 : 0, b === 1 ? 1 : 0));
        y.push(cost[0]![a]! + cost[1]![b]!);
      }
    const m = ridgeFit(x, y, 0);
    x.forEach((r, i) => expect(ridgePredict(m, r)).toBeCloseTo(y[i]!, 5));
  });

  it('rejects mismatched inputs', () => {
    expect(() => ridgeFit([Float64Array.of(1)], [1, 2])).toThrow(HwInputError);
    expect(() => ridgeFit([], [])).toThrow(HwInputError);
  });
});
