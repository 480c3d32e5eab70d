// Live latency of a Computation Graph on this machine, in onnxruntime-node (via cg-core's ONNX export)
// or in TensorFlow.js (TfjsGraphRunner), with the same warm-up / repeats / median-IQR protocol.
import { exportOnnx, type ComputationGraph } from '@cgnas/cg-core';
import { setThreads } from '@cgnas/native';
import { selectTfBackend, tf } from '@cgnas/native/tf';

import { MeasurementError } from '../errors.js';
import { measurementEnvironment } from './measurement-environment.js';
import {
  LIVE_DEFAULTS,
  checkLiveOptions,
  measureOnnx,
  type LiveMeasurement,
  type LiveOptions,
} from './measure-onnx.js';
import { TfjsGraphRunner } from './tfjs-graph-runner.js';
import { timingStats } from './timing-stats.js';

export type LiveRuntime = 'ort' | 'tfjs';

export async function measureGraph(
  graph: ComputationGraph,
  runtime: LiveRuntime,
  options: LiveOptions = {},
): Promise<LiveMeasurement> {
  const o = { ...LIVE_DEFAULTS, ...options };
  checkLiveOptions(o, 'measureGraph');
  const inp = graph.nodes.find((n) => n.op === 'input');
  if (!inp) throw new MeasurementError('hw-profiler.measureGraph: Expected a graph with an input node');
  switch (runtime) {
    case 'ort': {
      if (o.batch !== 1) {
        throw new MeasurementError(
          `hw-profiler.measureGraph: cg-core's ONNX export declares batch 1, so ort measures batch 1 only but received batch ${o.batch}; use --runtime tfjs`,
        );
      }
      return measureOnnx(exportOnnx(graph, { seed: o.seed }), [inp.outC, inp.outH, inp.outW], o);
    }
    case 'tfjs': {
      const choice = await selectTfBackend();
      if (choice.nativeKernels) setThreads(o.threads);
      const runner = TfjsGraphRunner.create(graph, o.seed);
      const shape = runner.inputShape(o.batch);
      const input = tf.randomNormal(shape, 0, 1, 'float32', o.seed) as ReturnType<typeof tf.tensor4d>;
      try {
        const once = (): void => {
          const y = runner.run(input);
          y.dataSync();
          y.dispose();
        };
        for (let i = 0; i < o.warmup; i++) once();
        const samples: number[] = [];
        for (let i = 0; i < o.repeats; i++) {
          const t0 = process.hrtime.bigint();
          once();
          samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
        const env = measurementEnvironment(
          `tfjs-${choice.backend}${choice.nativeKernels ? '+native' : ''}`,
          tf.version_core,
          choice.nativeKernels ? o.threads : 1,
        );
        return { ...timingStats(samples), inputShape: shape, environment: env };
      } finally {
        input.dispose();
        runner.dispose();
      }
    }
    default: {
      const never: never = runtime;
      throw new MeasurementError(
        `hw-profiler.measureGraph: Expected runtime ort or tfjs but received ${String(never)}`,
      );
    }
  }
}

/** Medians of `runs` independent measurements and their spread (max − min) / median of medians. */
export async function measureRepeatability(
  graph: ComputationGraph,
  runtime: LiveRuntime,
  runs = 5,
  options: LiveOptions = {},
): Promise<{ readonly medians: readonly number[]; readonly relativeSpread: number }> {
  if (!Number.isInteger(runs) || runs < 2)
    throw new MeasurementError(
      `hw-profiler.measureRepeatability: Expected an integer >= 2 for runs but received ${runs}`,
    );
  const medians: number[] = [];
  for (let r = 0; r < runs; r++) medians.push((await measureGraph(graph, runtime, options)).medianMs);
  const sorted = medians.slice().sort((a, b) => a - b);
  const mid = sorted[Math.floor(sorted.length / 2)]!;
  return { medians, relativeSpread: (sorted[sorted.length - 1]! - sorted[0]!) / mid };
}
