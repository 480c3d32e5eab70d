import { exportOnnx, fbnetFamily, nb201Graph, ofaMbv3Family } from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';
import { tf } from '@cgnas/native/tf';
import { describe, expect, it } from 'vitest';

import { MeasurementError } from '../errors.js';
import { measureGraph } from './measure-graph.js';
import { measureOnnx } from './measure-onnx.js';
import { TfjsGraphRunner } from './tfjs-graph-runner.js';

const ARCH = '|skip_connect~0|+|none~0|nor_conv_1x1~1|+|none~0|avg_pool_3x3~1|skip_connect~2|';

describe('live measurement', () => {
  it(
    'onnxruntime-node loads offline and times an exported CG, recording the environment',
    { timeout: 60_000 },
    async () => {
      const m = await measureOnnx(exportOnnx(nb201Graph(ARCH)), [3, 32, 32], { warmup: 1, repeats: 5, threads: 1 });
      expect(m.medianMs).toBeGreaterThan(0);
      expect(m.q75Ms).toBeGreaterThanOrEqual(m.q25Ms);
      expect(m.repeats).toBe(5);
      expect(m.inputShape).toEqual([1, 3, 32, 32]);
      expect(m.environment.runtime).toBe('onnxruntime-node');
      expect(m.environment.runtimeVersion).toMatch(/^\d+\.\d+/);
      expect(m.environment.threads).toBe(1);
      expect(m.warmupRuns).toBeGreaterThanOrEqual(1);
    },
  );

  it(
    'the tfjs runner computes the NB-201 network: logits of the right shape, no leaked tensors',
    { timeout: 60_000 },
    async () => {
      const g = nb201Graph(ARCH);
      const runner = TfjsGraphRunner.create(g, 1);
      const x = tf.randomNormal(runner.inputShape(2), 0, 1, 'float32', 3) as ReturnType<typeof tf.tensor4d>;
      const before = tf.memory().numTensors;
      const y = runner.run(x);
      expect(y.shape).toEqual([2, 10]);
      expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
      y.dispose();
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
      runner.dispose();
      const m = await measureGraph(g, 'tfjs', { warmup: 1, maxWarmup: 0, repeats: 2, batch: 2 });
      expect(m.inputShape).toEqual([2, 32, 32, 3]);
      expect(m.warmupRuns).toBe(1);
      // The backend that ran, as tfjs reports it (a caller may switch it after selectTfBackend chose).
      expect(m.environment.runtime.startsWith(`tfjs-${tf.getBackend()}`)).toBe(true);
    },
  );

  it('rejects bad options and a batch the exported ONNX cannot take', async () => {
    const g = nb201Graph(ARCH);
    await expect(measureGraph(g, 'ort', { repeats: 0 })).rejects.toThrow(MeasurementError);
    await expect(measureGraph(g, 'ort', { batch: 4 })).rejects.toThrow(MeasurementError);
    await expect(measureOnnx(new Uint8Array([1, 2, 3]), [3, 32, 32])).rejects.toThrow(MeasurementError);
  });
});

describe('tfjs runner against onnxruntime (independent reference)', () => {
  it.each([
    [
      'nb201',
      () =>
        nb201Graph('|nor_conv_3x3~0|+|avg_pool_3x3~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|'),
    ],
    ['fbnet (grouped and depthwise convs)', () => fbnetFamily.toGraph(fbnetFamily.sample(new Rng(2)))],
    ['ofa-mbv3 (h-swish, squeeze-excite)', () => ofaMbv3Family.toGraph(ofaMbv3Family.sample(new Rng(3)))],
  ])('%s: the same weights give the same logits in both runtimes', { timeout: 60_000 }, async (_name, build) => {
    const ort = await import('onnxruntime-node');
    const g = build();
    const runner = TfjsGraphRunner.create(g, 9);
    const bytes = exportOnnx(g, { weights: runner.onnxWeights() });
    const [, h, w, c] = runner.inputShape(1);
    const nhwc = tf.randomNormal([1, h, w, c], 0, 1, 'float32', 4) as ReturnType<typeof tf.tensor4d>;
    const nchw = tf.transpose(nhwc, [0, 3, 1, 2]);
    const yTf = runner.run(nhwc);
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({
      [session.inputNames[0]!]: new ort.Tensor('float32', Float32Array.from(nchw.dataSync()), [1, c, h, w]),
    });
    const yOrt = out[session.outputNames[0]!]!.data as Float32Array;
    const a = Array.from(yTf.dataSync());
    expect(yOrt.length).toBe(a.length);
    const scale = Math.max(...a.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    a.forEach((v, i) => expect(Math.abs(v - yOrt[i]!)).toBeLessThan(1e-3 * scale + 1e-4));
    await session.release();
    tf.dispose([nhwc, nchw, yTf]);
    runner.dispose();
  });
});
