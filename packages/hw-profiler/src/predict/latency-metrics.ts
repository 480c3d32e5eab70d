// Latency-predictor quality as nn-Meter and HELP report it: fraction of networks predicted within ±10%
// of the measurement, Spearman rank correlation (average ranks for ties), and mean absolute % error.
import { HwInputError } from '../errors.js';

export interface LatencyMetrics {
  readonly n: number;
  readonly within10: number;
  readonly spearman: number;
  readonly mape: number;
}

function ranks(v: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: v.length }, (_, i) => i).sort((a, b) => v[a]! - v[b]!);
  const r = new Float64Array(v.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && v[idx[j + 1]!] === v[idx[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]!] = avg;
    i = j + 1;
  }
  return r;
}

/** Spearman's rho (Pearson on average ranks); NaN when either side is constant. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length < 2) {
    throw new HwInputError(`hw-profiler.spearman: Expected two equally long series of >= 2 values but received ${a.length} and ${b.length}`);
  }
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const m = (n + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = ra[i]! - m;
    const y = rb[i]! - m;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return sab / Math.sqrt(saa * sbb);
}

export function latencyMetrics(measured: ArrayLike<number>, predicted: ArrayLike<number>): LatencyMetrics {
  if (measured.length !== predicted.length || measured.length < 2) {
    throw new HwInputError(
      `hw-profiler.latencyMetrics: Expected two equally long series of >= 2 values but received ${measured.length} and ${predicted.length}`,
    );
  }
  let within = 0;
  let ape = 0;
  for (let i = 0; i < measured.length; i++) {
    const rel = Math.abs(predicted[i]! - measured[i]!) / Math.abs(measured[i]!);
    if (rel <= 0.1) within++;
    ape += rel;
  }
  return { n: measured.length, within10: within / measured.length, spearman: spearman(measured, predicted), mape: ape / measured.length };
}
