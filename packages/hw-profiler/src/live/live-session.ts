// One prepared network in a live runtime (an onnxruntime-node session or a tfjs runner with its input),
// so a caller can time single runs of several independent sessions in any order (interleaved runs see
// the same machine load) and release them afterwards.
import { exportOnnx, type ComputationGraph } from '@cgnas/cg-core';
import { setThreads } from '@cgnas/native';
import { nativeTfKernelsRegistered, selectTfBackend, tf } from '@cgnas/native/tf';

import { MeasurementError } from '../errors.js';
import { measurementEnvironment, type MeasurementEnvironment } from './measurement-environment.js';
import { LIVE_DEFAULTS, checkLiveOptions, type LiveMeasurement, type LiveOptions } from './live-options.js';
import { TfjsGraphRunner } from './tfjs-graph-runner.js';
import { timingStats } from './timing-stats.js';
import { warmUp } from './warm-up.js';

export type LiveRuntime = 'ort' | 'tfjs';

export interface LiveSession {
  readonly inputShape: readonly number[];
  readonly environment: MeasurementEnvironment;
  /** One inference, awaited to completion (outputs read back). */
  runOnce(): Promise<void>;
  dispose(): Promise<void>;
}

/** An onnxruntime-node session of `model` with a deterministic input of NCHW `inputShape` (batch from `o`). */
export async function openOnnxSession(
  model: Uint8Array,
  inputShape: readonly number[],
  o: Required<LiveOptions>,
  fn = 'openLiveSession',
): Promise<LiveSession> {
  let ort: typeof import('onnxruntime-node');
  try {
    ort = await import('onnxruntime-node');
  } catch (error) {
    throw new MeasurementError(
      `hw-profiler.${fn}: onnxruntime-node did not load (${error instanceof Error ? error.message : String(error)}); use --runtime tfjs`,
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
      `hw-profiler.${fn}: onnxruntime rejected the model: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const shape = [o.batch, ...inputShape];
  const size = shape.reduce((a, b) => a * b, 1);
  // A deterministic pseudo-random input: values do not change the work of a dense CNN.
  const data = Float32Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898 + o.seed) * 0.5);
  const feeds = { [session.inputNames[0]!]: new ort.Tensor('float32', data, shape) };
  return {
    inputShape: shape,
    environment: measurementEnvironment('onnxruntime-node', ort.env.versions.node ?? 'unknown', o.threads),
    async runOnce() {
      try {
        await session.run(feeds);
      } catch (error) {
        throw new MeasurementError(
          `hw-profiler.${fn}: inference failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
    dispose: () => session.release(),
  };
}

/** ONNX bytes run in ort as given; a CG runs in ort (through cg-core's export) or in tfjs. */
export async function openLiveSession(
  graph: ComputationGraph,
  runtime: LiveRuntime,
  options: LiveOptions = {},
): Promise<LiveSession> {
  const o = { ...LIVE_DEFAULTS, ...options };
  checkLiveOptions(o, 'openLiveSession');
  const inp = graph.nodes.find((n) => n.op === 'input');
  if (!inp) throw new MeasurementError('hw-profiler.openLiveSession: Expected a graph with an input node');
  switch (runtime) {
    case 'ort':
      if (o.batch !== 1) {
        throw new MeasurementError(
          `hw-profiler.openLiveSession: cg-core's ONNX export declares batch 1, so ort measures batch 1 only but received batch ${o.batch}; use --runtime tfjs`,
        );
      }
      return openOnnxSession(exportOnnx(graph, { seed: o.seed }), [inp.outC, inp.outH, inp.outW], o);
    case 'tfjs': {
      await selectTfBackend();
      // The backend in force, not only the first choice: a caller may have switched it since (tf.setBackend).
      const backend = tf.getBackend();
      const native = backend === 'cpu' && nativeTfKernelsRegistered();
      if (backend === 'wasm' && (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'))) {
        throw new MeasurementError(
          'hw-profiler.openLiveSession: the threaded wasm backend picks its own thread count, so timings would not be comparable; use CGNAS_TF_BACKEND=cpu+native or the single-threaded wasm build',
        );
      }
      if (native) setThreads(o.threads);
      const runner = TfjsGraphRunner.create(graph, o.seed);
      const shape = runner.inputShape(o.batch);
      const input = tf.randomNormal(shape, 0, 1, 'float32', o.seed) as ReturnType<typeof tf.tensor4d>;
      return {
        inputShape: shape,
        // tfjs's JS kernels and the single-threaded wasm build run on this thread; the native ones on o.threads.
        environment: measurementEnvironment(
          `tfjs-${backend}${native ? '+native' : ''}`,
          tf.version_core,
          native ? o.threads : 1,
        ),
        runOnce() {
          const y = runner.run(input);
          y.dataSync();
          y.dispose();
          return Promise.resolve();
        },
        dispose() {
          input.dispose();
          runner.dispose();
          return Promise.resolve();
        },
      };
    }
    default: {
      const never: never = runtime;
      throw new MeasurementError(
        `hw-profiler.openLiveSession: Expected runtime ort or tfjs but received ${String(never)}`,
      );
    }
  }
}

/**
 * The live protocol on an open session: untimed runs until steady (warmUp: at least `warmup`, at most
 * max(warmup, maxWarmup)), then `repeats` timed runs summarised by median and IQR. Releases the session
 * afterwards, also on failure.
 */
export async function timeSession(
  session: LiveSession,
  o: Required<Pick<LiveOptions, 'warmup' | 'maxWarmup' | 'repeats'>>,
): Promise<LiveMeasurement> {
  try {
    const warm = await warmUp(session, o);
    const samples: number[] = [];
    for (let i = 0; i < o.repeats; i++) {
      const t0 = process.hrtime.bigint();
      await session.runOnce();
      samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return {
      ...timingStats(samples),
      warmupRuns: warm.runs,
      heapCollected: warm.heapCollected,
      inputShape: session.inputShape,
      environment: session.environment,
    };
  } finally {
    await session.dispose();
  }
}
