// ln|det A| of a dense square matrix by LU with partial pivoting (Golub & Van Loan §3.4), in float64:
// NASWOT's score is numpy's slogdet of the binary-code kernel (Mellor et al., ICML 2021).
import { ZeroCostError } from './zero-cost-error.js';

/** ln|det a| for the n×n row-major matrix `a` (not modified); -Infinity when a is singular. */
export function logDeterminant(a: ArrayLike<number>, n: number): number {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) {
    throw new ZeroCostError(
      `ensemble.logDeterminant: Expected an n*n matrix for a but received ${a.length} values for n = ${n}`,
    );
  }
  const m = Float64Array.from(a);
  let logDet = 0;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[pivot * n + c]!)) pivot = r;
    const p = m[pivot * n + c]!;
    if (p === 0) return -Infinity;
    if (pivot !== c) {
      for (let j = 0; j < n; j++) {
        const t = m[c * n + j]!;
        m[c * n + j] = m[pivot * n + j]!;
        m[pivot * n + j] = t;
      }
    }
    logDet += Math.log(Math.abs(p));
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / p;
      if (f === 0) continue;
      for (let j = c; j < n; j++) m[r * n + j]! -= f * m[c * n + j]!;
    }
  }
  return logDet;
}
