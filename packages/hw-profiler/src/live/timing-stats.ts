// Robust summary of repeated timings: median and interquartile range (the spread that ignores the
// occasional scheduler hiccup), as latency benchmarks such as nn-Meter and MLPerf report them.
import { MeasurementError } from '../errors.js';

export interface TimingStats {
  readonly medianMs: number;
  readonly q25Ms: number;
  readonly q75Ms: number;
  readonly iqrMs: number;
  readonly minMs: number;
  readonly repeats: number;
}

function q(sorted: readonly number[], p: number): number {
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function timingStats(samplesMs: readonly number[]): TimingStats {
  if (samplesMs.length === 0 || samplesMs.some((v) => !(v >= 0))) {
    throw new MeasurementError('hw-profiler.timingStats: Expected at least one non-negative timing; increase repeats');
  }
  const s = samplesMs.slice().sort((a, b) => a - b);
  const q25Ms = q(s, 0.25);
  const q75Ms = q(s, 0.75);
  return { medianMs: q(s, 0.5), q25Ms, q75Ms, iqrMs: q75Ms - q25Ms, minMs: s[0]!, repeats: s.length };
}
