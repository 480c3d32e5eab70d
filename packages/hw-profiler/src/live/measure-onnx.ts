// Live latency of an ONNX model on this machine with onnxruntime-node's CPU provider: fixed intra-op
// threads, sequential execution, warm-up runs, then many timed runs summarised by median and IQR.
import { LIVE_DEFAULTS, checkLiveOptions, type LiveMeasurement, type LiveOptions } from './live-options.js';
import { openOnnxSession, timeSession } from './live-session.js';

export { LIVE_DEFAULTS, checkLiveOptions, type LiveMeasurement, type LiveOptions } from './live-options.js';

/** `inputShape` is NCHW without the batch (e.g. [3, 32, 32]); the batch comes from options. */
export async function measureOnnx(
  model: Uint8Array,
  inputShape: readonly number[],
  options: LiveOptions = {},
): Promise<LiveMeasurement> {
  const o = { ...LIVE_DEFAULTS, ...options };
  checkLiveOptions(o, 'measureOnnx');
  return timeSession(await openOnnxSession(model, inputShape, o, 'measureOnnx'), o);
}
