// Live latency of an ONNX model on this machine with onnxruntime-node's CPU provider: fixed intra-op
// threads, sequential execution, warm-up runs, then many timed runs summarised by median and IQR.
import { MeasurementError } from '../errors.js';
import { measurementEnvironment, type MeasurementEnvironment } from './measurement-environment.js';
import { timingStats, type TimingStats } from './timing-stats.js';

export interface LiveOptions {
  /** Intra-op threads (fixed so runs are comparable). */
  readonly threads?: number;
  readonly warmup?: number;
  readonly repeats?: number;
  /** Batch size of the random input (ONNX models exported by cg-core declare batch 1). */
  readonly batch?: number;
  readonly seed?: number;
}

export const LIVE_DEFAULTS = { threads: 1, warmup: 10, repeats: 50, batch: 1, seed: 0 } as const;

export interface LiveMeasurement extends TimingStats {
  readonly inputShape: readonly number[];
  readonly environment: MeasurementEnvironment;
}

export function checkLiveOptions(o: Required<LiveOptions>, fn: string): void {
  for (const [k, v, min] of [
    ['threads', o.threads, 1],
    ['warmup', o.warmup, 0],
    ['repeats', o.repeats, 1],
    ['batch', o.batch, 1],
  ] as const) {
    if (!Number.isInteger(v) || v < min)
      throw new MeasurementError(`hw-profiler.${fn}: Expected an integer >= ${min} for ${k} but received ${v}`);
  }
}

/** `inputShape` is NCHW without the batch (e.g. [3, 32, 32]); the batch comes from options. */
export async function measureOnnx(
  model: Uint8Array,
  inputShape: readonly number[],
  options: LiveOptions = {},
): Promise<LiveMeasurement> {
  const o = { ...LIVE_DEFAULTS, ...options };
  checkLiveOptions(o, 'measureOnnx');
  let ort: typeof import('onnxruntime-node');
  try {
    ort = await import('onnxruntime-node');
  } catch (error) {
    throw new MeasurementError(
      `hw-profiler.measureOnnx: onnxruntime-node did not load (${error instanceof Error ? error.message : String(error)}); use --runtime tfjs`,
    );
  }
  let session: import('onnxruntime-node').InferenceSession;
  try {
    session = await ort.InferenceSession.create(model, {
      intraOpNumThreads: o.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    throw new MeasurementError(
      `hw-profiler.measureOnnx: onnxruntime rejected the model: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    const shape = [o.batch, ...inputShape];
    const size = shape.reduce((a, b) => a * b, 1);
    // A deterministic pseudo-random input: values do not change the work of a dense CNN.
    const data = Float32Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898 + o.seed) * 0.5);
    const feeds = { [session.inputNames[0]!]: new ort.Tensor('float32', data, shape) };
    for (let i = 0; i < o.warmup; i++) await session.run(feeds);
    const samples: number[] = [];
    for (let i = 0; i < o.repeats; i++) {
      const t0 = process.hrtime.bigint();
      await session.run(feeds);
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return {
      ...timingStats(samples),
      inputShape: shape,
      environment: measurementEnvironment('onnxruntime-node', ort.env.versions.node ?? 'unknown', o.threads),
    };
  } catch (error) {
    if (error instanceof MeasurementError) throw error;
    throw new MeasurementError(
      `hw-profiler.measureOnnx: inference failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await session.release();
  }
}
