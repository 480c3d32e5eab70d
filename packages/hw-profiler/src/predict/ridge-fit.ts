// Ridge least squares with an unpenalised intercept, solved by Cholesky on the normal equations in
// float64 — the fit behind the per-block lookup table and the block-at-position regressions.
import { HwInputError } from '../errors.js';

export interface RidgeModel {
  readonly intercept: number;
  readonly weights: Float64Array;
}

/** Fits y ≈ intercept + X·w minimising ‖y − Xw − b‖² + lambda‖w‖²; rows of X are feature vectors. */
export function ridgeFit(x: readonly Float64Array[], y: ArrayLike<number>, lambda = 1e-3): RidgeModel {
  const n = x.length;
  if (n === 0 || y.length !== n) {
    throw new HwInputError(
      `hw-profiler.ridgeFit: Expected as many targets as rows (> 0) but received ${y.length} targets for ${n} rows`,
    );
  }
  if (!(lambda >= 0)) throw new HwInputError(`hw-profiler.ridgeFit: Expected lambda >= 0 but received ${lambda}`);
  const d = x[0]!.length;
  // Centre features and targets so the intercept drops out of the penalised system.
  const mx = new Float64Array(d);
  let my = 0;
  for (let i = 0; i < n; i++) {
    const r = x[i]!;
    for (let j = 0; j < d; j++) mx[j]! += r[j]!;
    my += y[i]!;
  }
  for (let j = 0; j < d; j++) mx[j]! /= n;
  my /= n;
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  const c = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const r = x[i]!;
    for (let j = 0; j < d; j++) c[j] = r[j]! - mx[j]!;
    const yi = y[i]! - my;
    for (let j = 0; j < d; j++) {
      const cj = c[j]!;
      if (cj === 0) continue;
      b[j]! += cj * yi;
      const row = j * d;
      for (let k = 0; k <= j; k++) a[row + k]! += cj * c[k]!;
    }
  }
  // A tiny floor keeps exactly collinear one-hot groups solvable when lambda is 0.
  const ridge = Math.max(lambda, 1e-9);
  for (let j = 0; j < d; j++) {
    a[j * d + j]! += ridge;
    for (let k = 0; k < j; k++) a[k * d + j] = a[j * d + k]!;
  }
  const w = choleskySolve(a, b, d);
  let intercept = my;
  for (let j = 0; j < d; j++) intercept -= w[j]! * mx[j]!;
  return { intercept, weights: w };
}

function choleskySolve(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j]!;
    for (let k = 0; k < j; k++) s -= l[j * d + k]! ** 2;
    const ljj = Math.sqrt(Math.max(s, 1e-300));
    l[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j]!;
      for (let k = 0; k < j; k++) t -= l[i * d + k]! * l[j * d + k]!;
      l[i * d + j] = t / ljj;
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * d + k]! * z[k]!;
    z[i] = s / l[i * d + i]!;
  }
  const w = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < d; k++) s -= l[k * d + i]! * w[k]!;
    w[i] = s / l[i * d + i]!;
  }
  return w;
}

/** intercept + x·w */
export function ridgePredict(model: RidgeModel, x: Float64Array): number {
  let s = model.intercept;
  for (let j = 0; j < x.length; j++) s += model.weights[j]! * x[j]!;
  return s;
}
