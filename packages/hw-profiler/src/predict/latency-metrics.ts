// Latency-predictor quality as nn-Meter and HELP report it: fraction of networks predicted within ±10%
// of the measurement, Spearman rank correlation (the ensemble's metric, average ranks for ties), and
// mean absolute % error.
import { spearman } from '@cgnas/ensemble';

import { HwInputError } from '../errors.js';

export interface LatencyMetrics {
  readonly n: number;
  readonly within10: number;
  readonly spearman: number;
  readonly mape: number;
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
  return {
    n: measured.length,
    within10: within / measured.length,
    spearman: spearman(measured, predicted),
    mape: ape / measured.length,
  };
}
