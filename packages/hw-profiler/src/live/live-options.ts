// Options shared by every live measurement (onnxruntime-node or tfjs): fixed threads so runs compare,
// warm-up and timed repetitions, batch and the seed of the random input.
import { MeasurementError } from '../errors.js';
import type { MeasurementEnvironment } from './measurement-environment.js';
import type { TimingStats } from './timing-stats.js';

export interface LiveOptions {
  /** Intra-op threads (fixed so runs are comparable). */
  readonly threads?: number;
  /** Minimum untimed runs; warm-up goes on while the runs keep getting faster (see warm-up.ts). */
  readonly warmup?: number;
  /** Most untimed runs (the cap is max(warmup, maxWarmup); 0 with warmup 0 times a cold session). */
  readonly maxWarmup?: number;
  readonly repeats?: number;
  /** Batch size of the random input (ONNX models exported by cg-core declare batch 1). */
  readonly batch?: number;
  readonly seed?: number;
}

export const LIVE_DEFAULTS = { threads: 1, warmup: 10, maxWarmup: 200, repeats: 50, batch: 1, seed: 0 } as const;

export interface LiveMeasurement extends TimingStats {
  /** Untimed runs made before timing (at least `warmup`, more while the runs were still getting faster). */
  readonly warmupRuns: number;
  /** Whether the heap was collected before timing (warm-up.ts collectHeap). */
  readonly heapCollected: boolean;
  readonly inputShape: readonly number[];
  readonly environment: MeasurementEnvironment;
}

export function checkLiveOptions(o: Required<LiveOptions>, fn: string): void {
  for (const [k, v, min] of [
    ['threads', o.threads, 1],
    ['warmup', o.warmup, 0],
    ['maxWarmup', o.maxWarmup, 0],
    ['repeats', o.repeats, 1],
    ['batch', o.batch, 1],
  ] as const) {
    if (!Number.isInteger(v) || v < min)
      throw new MeasurementError(`hw-profiler.${fn}: Expected an integer >= ${min} for ${k} but received ${v}`);
  }
}
