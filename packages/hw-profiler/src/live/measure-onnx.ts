// Live latency of an ONNX model on this machine with onnxruntime-node's CPU provider: fixed intra-op
// threads, sequential execution, warm-up runs, then many timed runs summarised by median and IQR.
import { MeasurementError } from '../errors.js';
import { LIVE_DEFAULTS, checkLiveOptions, type LiveMeasurement, type LiveOptions } from './live-options.js';
import { openOnnxSession } from './live-session.js';
import { timingStats } from './timing-stats.js';

export { LIVE_DEFAULTS, checkLiveOptions, type LiveMeasurement, type LiveOptions } from './live-options.js';

/** `inputShape` is NCHW without the batch (e.g. [3, 32, 32]); the batch comes from options. */
export async function measureOnnx(
  model: Uint8Array,
  inputShape: readonly number[],
  options: LiveOptions = {},
): Promise<LiveMeasurement> {
  const o = { ...LIVE_DEFAULTS, ...options };
  checkLiveOptions(o, 'measureOnnx');
  const session = await openOnnxSession(model, inputShape, o, 'measureOnnx');
  try {
    for (let i = 0; i < o.warmup; i++) await session.runOnce();
    const samples: number[] = [];
    for (let i = 0; i < o.repeats; i++) {
      const t0 = process.hrtime.bigint();
      await session.runOnce();
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return { ...timingStats(samples), inputShape: session.inputShape, environment: session.environment };
  } catch (error) {
    if (error instanceof MeasurementError) throw error;
    throw new MeasurementError(
      `hw-profiler.measureOnnx: inference failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await session.dispose();
  }
}
