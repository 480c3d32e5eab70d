// The built-in surrogate of predictor-guided search: Gaussian-process regression (Rasmussen &
// Williams 2006, Alg. 2.1) with an RBF kernel on standardised feature vectors, hyperparameters picked
// by log marginal likelihood on a small grid, and labels rank-transformed to normal scores so a few
// collapsed networks (10% accuracy) do not flatten the ranking of the good ones.
import { SearchInputError } from '../errors.js';
import type { Prediction, Predictor } from './predictor.js';

export interface GpPredictorOptions {
  /** Length scales to try, as multiples of sqrt(number of informative features). */
  readonly lengthScales?: readonly number[];
  /** Noise variances (on the unit-variance label scale) to try. */
  readonly noises?: readonly number[];
  /** 'rank': fit normal scores of the label ranks (predictions are then on that scale); 'none': raw labels. */
  readonly transform?: 'rank' | 'none';
}

export const GP_PREDICTOR_DEFAULTS: Required<GpPredictorOptions> = {
  lengthScales: [0.25, 0.5, 1, 2],
  noises: [1e-3, 1e-2, 1e-1],
  transform: 'rank',
};

/** Inverse standard-normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
function probit(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - lo) return -probit(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Normal scores of ranks (ties share their mean rank). */
export function rankNormalScores(labels: readonly number[]): number[] {
  const n = labels.length;
  const order = labels.map((_, i) => i).sort((x, y) => labels[x]! - labels[y]!);
  const out = new Array<number>(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && labels[order[j + 1]!] === labels[order[i]!]) j++;
    const score = probit(((i + j) / 2 + 0.5) / n);
    for (let k = i; k <= j; k++) out[order[k]!] = score;
    i = j + 1;
  }
  return out;
}

/** In-place lower Cholesky factor of a symmetric positive-definite n×n matrix; false if not PD. */
function cholesky(m: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let s = m[j * n + j]!;
    for (let k = 0; k < j; k++) s -= m[j * n + k]! ** 2;
    if (!(s > 0)) return false;
    const l = Math.sqrt(s);
    m[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let t = m[i * n + j]!;
      for (let k = 0; k < j; k++) t -= m[i * n + k]! * m[j * n + k]!;
      m[i * n + j] = t / l;
    }
    for (let i = 0; i < j; i++) m[i * n + j] = 0;
  }
  return true;
}

/** Solves L x = b (forward) in place. */
function forward(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
}

/** Solves Lᵀ x = b (backward) in place. */
function backward(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
}

interface Fitted {
  readonly x: Float64Array[];
  readonly chol: Float64Array;
  readonly alpha: Float64Array;
  readonly gamma: number;
  readonly yMean: number;
  readonly yStd: number;
  readonly logMarginal: number;
}

export class GpPredictor<A> implements Predictor<A> {
  private readonly o: Required<GpPredictorOptions>;
  private model: Fitted | null = null;
  private colMean = new Float64Array(0);
  private colScale = new Float64Array(0);

  constructor(
    private readonly features: (arch: A) => Float64Array,
    options: GpPredictorOptions = {},
  ) {
    this.o = { ...GP_PREDICTOR_DEFAULTS, ...options };
    if (this.o.lengthScales.length === 0 || this.o.noises.length === 0) {
      throw new SearchInputError(
        'search.GpPredictor: Expected non-empty lengthScales and noises but received an empty grid',
      );
    }
  }

  /** Log marginal likelihood of the chosen hyperparameters (for tests and diagnostics). */
  get logMarginal(): number | null {
    return this.model?.logMarginal ?? null;
  }

  fit(archs: readonly A[], labels: readonly number[]): void {
    const n = archs.length;
    if (n !== labels.length || n === 0 || labels.some((v) => !Number.isFinite(v))) {
      throw new SearchInputError(
        `search.GpPredictor.fit: Expected equally many archs and finite labels (at least one) but received ${n} archs, ${labels.length} labels`,
      );
    }
    const raw = archs.map((a) => this.features(a));
    const d = raw[0]!.length;
    this.colMean = new Float64Array(d);
    this.colScale = new Float64Array(d);
    let informative = 0;
    for (let j = 0; j < d; j++) {
      let m = 0;
      for (const r of raw) m += r[j]!;
      m /= n;
      let v = 0;
      for (const r of raw) v += (r[j]! - m) ** 2;
      const sd = Math.sqrt(v / n);
      this.colMean[j] = m;
      // Constant columns carry no information about the labels; drop them from the distance.
      this.colScale[j] = sd > 1e-9 ? 1 / sd : 0;
      if (sd > 1e-9) informative++;
    }
    const x = raw.map((r) => this.standardise(r));
    let y = this.o.transform === 'rank' ? rankNormalScores(labels) : labels.slice();
    const yMean = y.reduce((s, v) => s + v, 0) / n;
    const yStd = Math.sqrt(y.reduce((s, v) => s + (v - yMean) ** 2, 0) / n) || 1;
    y = y.map((v) => (v - yMean) / yStd);
    const dist = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        let s = 0;
        const xi = x[i]!;
        const xj = x[j]!;
        for (let k = 0; k < d; k++) s += (xi[k]! - xj[k]!) ** 2;
        dist[i * n + j] = s;
        dist[j * n + i] = s;
      }
    }
    let best: Fitted | null = null;
    for (const ls of this.o.lengthScales) {
      const ell = ls * Math.sqrt(Math.max(1, informative));
      const gamma = 1 / (2 * ell * ell);
      for (const noise of this.o.noises) {
        const k = new Float64Array(n * n);
        for (let i = 0; i < n * n; i++) k[i] = Math.exp(-gamma * dist[i]!);
        for (let i = 0; i < n; i++) k[i * n + i] = 1 + noise;
        if (!cholesky(k, n)) continue;
        const alpha = Float64Array.from(y);
        forward(k, n, alpha);
        let fit = 0;
        for (let i = 0; i < n; i++) fit += alpha[i]! ** 2;
        backward(k, n, alpha);
        let logDet = 0;
        for (let i = 0; i < n; i++) logDet += Math.log(k[i * n + i]!);
        const logMarginal = -0.5 * fit - logDet - 0.5 * n * Math.log(2 * Math.PI);
        if (!best || logMarginal > best.logMarginal) best = { x, chol: k, alpha, gamma, yMean, yStd, logMarginal };
      }
    }
    if (!best)
      throw new SearchInputError(
        'search.GpPredictor.fit: no hyperparameters gave a positive-definite kernel; add noise levels',
      );
    this.model = best;
  }

  predict(archs: readonly A[]): readonly Prediction[] {
    const m = this.model;
    if (!m) throw new SearchInputError('search.GpPredictor.predict: call fit() before predict()');
    const n = m.x.length;
    return archs.map((a) => {
      const z = this.standardise(this.features(a));
      const kStar = new Float64Array(n);
      let mean = 0;
      for (let i = 0; i < n; i++) {
        const xi = m.x[i]!;
        let s = 0;
        for (let k = 0; k < z.length; k++) s += (z[k]! - xi[k]!) ** 2;
        kStar[i] = Math.exp(-m.gamma * s);
        mean += kStar[i]! * m.alpha[i]!;
      }
      forward(m.chol, n, kStar);
      let explained = 0;
      for (let i = 0; i < n; i++) explained += kStar[i]! ** 2;
      const variance = Math.max(0, 1 - explained);
      return { mean: m.yMean + m.yStd * mean, std: m.yStd * Math.sqrt(variance) };
    });
  }

  private standardise(f: Float64Array): Float64Array {
    const z = new Float64Array(f.length);
    for (let j = 0; j < f.length; j++) z[j] = (f[j]! - this.colMean[j]!) * this.colScale[j]!;
    return z;
  }
}
