// How well any predictor can do on an NB-201 device table, estimated from exact duplicates: when edge
// 1→2 is `none`, swapping the branches 0→1→3 and 0→2→3 gives an isomorphic network (same ops, same
// shapes, live or dead), so a latency difference within such a pair is either measurement noise or a
// position effect of the deployed graph. `positionR2` tells the two apart: if the pair's log-ratio cannot
// be predicted from which op sits where, no position-aware model can recover it either.
import { HwInputError } from '../errors.js';
import { ridgeFit, ridgePredict } from '../predict/ridge-fit.js';
import { deviceDataset } from './device-catalog.js';

export interface NoiseCeiling {
  readonly device: string;
  readonly pairs: number;
  /** Share of pairs whose two measurements agree within ±10% (an oracle's error has half this variance). */
  readonly pairWithin10: number;
  /** Share of measurements within ±10% of their pair mean (optimistic: the pair mean is less noisy than one value). */
  readonly pairMeanWithin10: number;
  readonly medianAbsLogDiff: number;
  /**
   * Exact best ±10% share on the paired networks for any predictor that gives isomorphic networks the
   * same value: a pair whose ±10% bands are disjoint (ratio > 1.1/0.9) loses at least one member.
   */
  readonly invariantPairCeiling: number;
  /** Oracle ±10% share if log-latency noise were i.i.d. Gaussian with the spread the pairs show. */
  readonly gaussianCeiling: number;
  /** Oracle ±10% share if a measurement is either clean or an outlier: √pairWithin10. */
  readonly contaminationCeiling: number;
  /**
   * Held-out R² of the pair log-ratio from op-at-position differences (≈0: noise, not position);
   * NaN when the pairs agree exactly (nothing to explain).
   */
  readonly positionR2: number;
}

// Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): enough for a ceiling quoted to three digits.
export function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

/** P(|Z| < z) for standard normal Z. */
function twoSided(z: number): number {
  return erf(z / Math.SQRT2);
}

/** The z with P(|Z| < z) = p, by bisection (p in (0, 1)). */
function twoSidedInverse(p: number): number {
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (twoSided(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The ±10% share an oracle (predicting each network's noise-free latency) reaches when a pair of
 * i.i.d. Gaussian log-noise draws agrees within ±10% with probability `pairWithin10`: the pair
 * difference has √2 times the spread of one draw.
 */
export function gaussianOracleWithin10(pairWithin10: number): number {
  if (pairWithin10 >= 1) return 1;
  if (pairWithin10 <= 0) return 0;
  return twoSided(Math.SQRT2 * twoSidedInverse(pairWithin10));
}

export function nb201NoiseCeiling(device: string): NoiseCeiling {
  const ds = deviceDataset('nb201', device);
  const index = new Map(ds.archs.map((a, i) => [a.blocks.join(','), i]));
  const diffs: number[] = [];
  const signed: number[] = [];
  const antisym: Float64Array[] = [];
  let within = 0;
  let withinMean = 0;
  let disjoint = 0;
  const nb = 5;
  ds.archs.forEach((a, i) => {
    const b = a.blocks;
    if (b[2] !== 0) return;
    const mirror = [b[1]!, b[0]!, b[2]!, b[3]!, b[5]!, b[4]!];
    const j = index.get(mirror.join(','));
    if (j === undefined || j <= i) return;
    const x = ds.latencyMs[i]!;
    const y = ds.latencyMs[j]!;
    diffs.push(Math.abs(Math.log(x / y)));
    signed.push(Math.log(x / y));
    const f = new Float64Array(6 * nb);
    b.forEach((o, p) => (f[p * nb + o]! += 1));
    mirror.forEach((o, p) => (f[p * nb + o]! -= 1));
    antisym.push(f);
    if (Math.abs(x / y - 1) <= 0.1) within++;
    if (Math.abs((2 * x) / (x + y) - 1) <= 0.1) withinMean++;
    if (Math.max(x, y) * 0.9 > Math.min(x, y) * 1.1) disjoint++;
  });
  if (diffs.length === 0)
    throw new HwInputError(`hw-profiler.nb201NoiseCeiling: no isomorphic pairs found for ${device}`);
  const pairs = diffs.length;
  diffs.sort((p, q) => p - q);
  // Even/odd split of the pairs (their order is the table's, unrelated to latency): fit on one half,
  // score on the other.
  const train = antisym.filter((_, k) => k % 2 === 0);
  const test = antisym.map((f, k) => [f, signed[k]!] as const).filter((_, k) => k % 2 === 1);
  let positionR2 = Number.NaN;
  if (train.length >= 2 && test.length >= 2) {
    const m = ridgeFit(
      train,
      signed.filter((_, k) => k % 2 === 0),
      1e-2,
    );
    const mean = test.reduce((s, [, d]) => s + d, 0) / test.length;
    let ssRes = 0;
    let ssTot = 0;
    for (const [f, d] of test) {
      ssRes += (d - ridgePredict(m, f)) ** 2;
      ssTot += (d - mean) ** 2;
    }
    // Float round-off differences (Eyeriss's analytic model) are not noise worth explaining.
    if (ssTot / test.length > 1e-12) positionR2 = 1 - ssRes / ssTot;
  }
  const pairWithin10 = within / pairs;
  return {
    device,
    pairs,
    pairWithin10,
    pairMeanWithin10: withinMean / pairs,
    medianAbsLogDiff: diffs[Math.floor(pairs / 2)]!,
    invariantPairCeiling: 1 - disjoint / (2 * pairs),
    gaussianCeiling: gaussianOracleWithin10(pairWithin10),
    contaminationCeiling: Math.sqrt(pairWithin10),
    positionR2,
  };
}
