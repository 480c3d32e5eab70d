// Live latency of a Computation Graph on this machine, in onnxruntime-node (via cg-core's ONNX export)
// or in TensorFlow.js (TfjsGraphRunner), with the same warm-up / repeats / median-IQR protocol.
import type { ComputationGraph } from '@cgnas/cg-core';

import { openLiveSession, type LiveRuntime } from './live-session.js';
import { LIVE_DEFAULTS, checkLiveOptions, type LiveMeasurement, type LiveOptions } from './live-options.js';
import { timingStats } from './timing-stats.js';

export async function measureGraph(
  graph: ComputationGraph,
  runtime: LiveRuntime,
  options: LiveOptions = {},
): Promise<LiveMeasurement> {
  const o = { ...LIVE_DEFAULTS, ...options };
  checkLiveOptions(o, 'measureGraph');
  const session = await openLiveSession(graph, runtime, o);
  try {
    for (let i = 0; i < o.warmup; i++) await session.runOnce();
    const samples: number[] = [];
    for (let i = 0; i < o.repeats; i++) {
      const t0 = process.hrtime.bigint();
      await session.runOnce();
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return { ...timingStats(samples), inputShape: session.inputShape, environment: session.environment };
  } finally {
    await session.dispose();
  }
}
