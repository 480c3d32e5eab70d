// The jacov score of Mellor et al. (NASWOT v1, 2021) as NASLib computes it (`eval_score`): the
// correlation matrix of the per-sample input Jacobians, scored by -Σ(ln(λ + k) + 1/(λ + k)), k = 1e-5.
import { symmetricEigenvalues } from '@cgnas/cg-core';

import { ZeroCostError } from './zero-cost-error.js';

const K = 1e-5;

/**
 * jacov of a Jacobian with `rows` samples of `cols` values each (row-major). NaN when a sample's
 * Jacobian is constant (its correlation is undefined; NASLib stores a failure sentinel then).
 */
export function jacovScore(jacobian: ArrayLike<number>, rows: number, cols: number): number {
  if (!Number.isInteger(rows) || rows < 2 || !Number.isInteger(cols) || cols < 1 || jacobian.length !== rows * cols) {
    throw new ZeroCostError(
      `ensemble.jacovScore: Expected rows >= 2, cols >= 1 and rows*cols values but received rows=${rows}, cols=${cols}, ${jacobian.length} values`,
    );
  }
  const centred = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let mean = 0;
    for (let j = 0; j < cols; j++) mean += jacobian[i * cols + j]!;
    mean /= cols;
    let ss = 0;
    for (let j = 0; j < cols; j++) {
      const v = jacobian[i * cols + j]! - mean;
      centred[i * cols + j] = v;
      ss += v * v;
    }
    if (!(ss > 0)) return NaN;
    const inv = 1 / Math.sqrt(ss);
    for (let j = 0; j < cols; j++) centred[i * cols + j]! *= inv;
  }
  const corr = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let k = i; k < rows; k++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += centred[i * cols + j]! * centred[k * cols + j]!;
      corr[i * rows + k] = s;
      corr[k * rows + i] = s;
    }
  }
  const eig = symmetricEigenvalues(corr, rows, rows);
  let score = 0;
  for (const v of eig) score -= Math.log(v + K) + 1 / (v + K);
  return score;
}
