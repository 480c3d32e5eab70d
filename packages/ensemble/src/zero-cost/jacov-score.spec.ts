import { describe, expect, it } from 'vitest';

import { jacovScore } from './jacov-score.js';
import { ZeroCostError } from './zero-cost-error.js';

const K = 1e-5;
const term = (v: number): number => Math.log(v + K) + 1 / (v + K);

describe('jacovScore', () => {
  it('scores identical Jacobians by hand: correlation all ones, eigenvalues {B, 0, ...}', () => {
    const b = 4;
    const row = [1, -2, 0.5, 3, 7];
    const jac = Array.from({ length: b }, () => row).flat();
    expect(jacovScore(jac, b, row.length) / -(term(b) + (b - 1) * term(0))).toBeCloseTo(1, 9);
  });

  it('scores uncorrelated Jacobians by hand: identity correlation, eigenvalues all 1', () => {
    // Orthogonal zero-mean rows: [1,-1,1,-1], [1,1,-1,-1], [1,-1,-1,1].
    const jac = [1, -1, 1, -1, 1, 1, -1, -1, 1, -1, -1, 1];
    expect(jacovScore(jac, 3, 4)).toBeCloseTo(-3 * term(1), 8);
  });

  it('is NaN when a sample has a constant Jacobian (NASLib records a failure)', () => {
    expect(jacovScore([1, 1, 1, 1, 2, 3], 2, 3)).toBeNaN();
  });

  it('rejects inconsistent sizes with a typed error', () => {
    expect(() => jacovScore([1, 2, 3], 2, 2)).toThrow(ZeroCostError);
    expect(() => jacovScore([1, 2], 1, 2)).toThrow(ZeroCostError);
  });
});
