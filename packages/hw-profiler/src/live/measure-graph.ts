// Live latency of a Computation Graph on this machine, in onnxruntime-node (via cg-core's ONNX export)
// or in TensorFlow.js (TfjsGraphRunner), with the same warm-up / repeats / median-IQR protocol.
import type { ComputationGraph } from '@cgnas/cg-core';

import { openLiveSession, timeSession, type LiveRuntime } from './live-session.js';
import { LIVE_DEFAULTS, checkLiveOptions, type LiveMeasurement, type LiveOptions } from './live-options.js';

export async function measureGraph(
  graph: ComputationGraph,
  runtime: LiveRuntime,
  options: LiveOptions = {},
): Promise<LiveMeasurement> {
  const o = { ...LIVE_DEFAULTS, ...options };
  checkLiveOptions(o, 'measureGraph');
  return timeSession(await openLiveSession(graph, runtime, o), o);
}
