import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { SearchInputError } from '../errors.js';
import { GpPredictor, rankNormalScores } from './gp-predictor.js';

/** Dense Gaussian elimination with partial pivoting (float64 reference). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

describe('GpPredictor', () => {
  it('interpolates like the closed-form GP posterior mean (one-point grid, raw labels)', () => {
    const rng = new Rng(1);
    const xs = Array.from({ length: 12 }, () => [rng.normal(), rng.normal()]);
    const ys = xs.map(([a, b]) => Math.sin(a!) + b! * b!);
    const gp = new GpPredictor((x: number[]) => Float64Array.from(x), {
      lengthScales: [1],
      noises: [1e-2],
      transform: 'none',
    });
    gp.fit(xs, ys);
    // Reference: standardise columns and labels exactly as documented, then K⁻¹y.
    const mean = [0, 1].map((k) => xs.reduce((s, x) => s + x[k]!, 0) / xs.length);
    const sd = [0, 1].map((k) => Math.sqrt(xs.reduce((s, x) => s + (x[k]! - mean[k]!) ** 2, 0) / xs.length));
    const z = (x: number[]): number[] => x.map((v, k) => (v - mean[k]!) / sd[k]!);
    const yMean = ys.reduce((s, v) => s + v, 0) / ys.length;
    const yStd = Math.sqrt(ys.reduce((s, v) => s + (v - yMean) ** 2, 0) / ys.length);
    const gamma = 1 / (2 * 2); // ell = 1 * sqrt(2 informative features)
    const k = (a: number[], b: number[]): number => Math.exp(-gamma * a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0));
    const K = xs.map((a, i) => xs.map((b, j) => k(z(a), z(b)) + (i === j ? 1e-2 : 0)));
    const alpha = solve(
      K,
      ys.map((y) => (y - yMean) / yStd),
    );
    const probe = [0.3, -0.7];
    const expected = yMean + yStd * xs.reduce((s, x, i) => s + k(z(probe), z(x)) * alpha[i]!, 0);
    const [p] = gp.predict([probe]);
    expect(p!.mean).toBeCloseTo(expected, 8);
    expect(p!.std).toBeGreaterThan(0);
    expect(gp.predict([xs[0]!])[0]!.std!).toBeLessThan(p!.std!);
  });

  it('ranks a smooth function well from few samples', () => {
    const rng = new Rng(2);
    const f = (x: number[]): number => -((x[0]! - 0.3) ** 2) - (x[1]! + 0.2) ** 2;
    const train = Array.from({ length: 30 }, () => [rng.uniform(-1, 1), rng.uniform(-1, 1)]);
    const test = Array.from({ length: 50 }, () => [rng.uniform(-1, 1), rng.uniform(-1, 1)]);
    const gp = new GpPredictor((x: number[]) => Float64Array.from(x));
    gp.fit(train, train.map(f));
    const pred = gp.predict(test).map((p) => p.mean);
    const truth = test.map(f);
    let concordant = 0;
    let pairs = 0;
    for (let i = 0; i < 50; i++)
      for (let j = i + 1; j < 50; j++, pairs++) if ((pred[i]! - pred[j]!) * (truth[i]! - truth[j]!) > 0) concordant++;
    expect(concordant / pairs).toBeGreaterThan(0.85);
  });

  it('maps ranks to symmetric normal scores with shared ties', () => {
    const s = rankNormalScores([10, 30, 20, 20, 40]);
    expect(s[2]).toBe(s[3]);
    expect(s[0]).toBeCloseTo(-s[4]!, 12);
    expect(s[0]!).toBeLessThan(s[2]!);
    expect(rankNormalScores([5, 6, 7])[1]).toBeCloseTo(0, 9);
  });

  it('validates its input', () => {
    const gp = new GpPredictor((x: number[]) => Float64Array.from(x));
    expect(() => gp.predict([[1]])).toThrow(SearchInputError);
    expect(() => gp.fit([[1]], [1, 2])).toThrow(SearchInputError);
    expect(() => gp.fit([[1]], [NaN])).toThrow(SearchInputError);
  });
});
