import { GraphBuilder, exportOnnx, nb201Graph, type ComputationGraph } from '@cgnas/cg-core';
import { selectTfBackend, tf } from '@cgnas/native/tf';
import { describe, expect, it } from 'vitest';

import { TfjsGraphRunner } from './tfjs-graph-runner.js';

type Tensor4D = ReturnType<typeof tf.tensor4d>;

/** Asymmetric and 'valid'-breaking pads on every padded op: conv, maxpool, avgpool (count_include_pad=0). */
function paddedGraph(): ComputationGraph {
  const b = new GraphBuilder({ family: 'test' });
  let x = b.input(13, 11, 5);
  x = b.conv(x, { outC: 6, k: 3, stride: 2, pads: [0, 1, 1, 2] });
  x = b.maxpool(x, { k: 3, stride: 1, pads: [1, 0, 2, 1] });
  x = b.avgpool(x, { k: 3, stride: 2, pads: [1, 1, 1, 1] });
  x = b.conv(x, { outC: 4, k: 3, stride: 1, pads: [1, 1, 1, 1], groups: 2 });
  x = b.globalPool(x);
  x = b.matmul(x, 3);
  b.output(x);
  return b.build();
}

/** The runner's logits and onnxruntime's on the same weights and input (onnxruntime is the reference). */
async function bothRuntimes(g: ComputationGraph): Promise<[number[], Float32Array]> {
  await selectTfBackend();
  const ort = await import('onnxruntime-node');
  const runner = TfjsGraphRunner.create(g, 5);
  const [, h, w, c] = runner.inputShape(1);
  const nhwc = tf.randomNormal([1, h, w, c], 0, 1, 'float32', 6) as Tensor4D;
  const nchw = tf.transpose(nhwc, [0, 3, 1, 2]);
  const y = runner.run(nhwc);
  const session = await ort.InferenceSession.create(exportOnnx(g, { weights: runner.onnxWeights() }));
  const out = await session.run({
    [session.inputNames[0]!]: new ort.Tensor('float32', Float32Array.from(nchw.dataSync()), [1, c, h, w]),
  });
  const a = Array.from(y.dataSync());
  await session.release();
  tf.dispose([nhwc, nchw, y]);
  runner.dispose();
  return [a, out[session.outputNames[0]!]!.data as Float32Array];
}

describe('TfjsGraphRunner', () => {
  it('applies explicit pads as onnxruntime does (asymmetric conv pads, pools that skip the pads)', async () => {
    const [a, ref] = await bothRuntimes(paddedGraph());
    expect(ref.length).toBe(a.length);
    const scale = Math.max(...a.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    a.forEach((v, i) => expect(Math.abs(v - ref[i]!)).toBeLessThan(1e-4 * scale + 1e-5));
  });

  it('runs the NB-201 network without separate pad kernels and leaks no tensors', async () => {
    await selectTfBackend();
    const g = nb201Graph(
      '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|',
    );
    const runner = TfjsGraphRunner.create(g, 0);
    const x = tf.randomNormal(runner.inputShape(1), 0, 1, 'float32', 1) as Tensor4D;
    const before = tf.memory().numTensors;
    // tfjs-cpu's PadV2 computes coordinates per element; as a separate op it cost more than every
    // convolution of this network together (the 55-75 ms inferences of issue 8).
    const p = await tf.profile(() => runner.run(x));
    const names = new Set(p.kernels.map((k) => k.name));
    expect(names.has('Conv2D')).toBe(true);
    expect(names.has('PadV2')).toBe(false);
    expect(names.has('Pad')).toBe(false);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose(p.result);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    runner.dispose();
  });
});
