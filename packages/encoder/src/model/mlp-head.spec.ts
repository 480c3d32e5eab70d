import { selectTfBackend, tf } from '@cgnas/native/tf';
import { beforeAll, describe, expect, it } from 'vitest';

import { EncoderInputError } from '../errors.js';
import { MlpHead } from './mlp-head.js';

beforeAll(async () => {
  await selectTfBackend();
});

describe('MlpHead', () => {
  it('computes act(x W + b) layer by layer like a float64 loop, and round-trips its weights', () => {
    const head = new MlpHead({ units: [3, 4, 2], activations: ['relu', 'linear'], seed: 2 });
    const x = [
      [0.5, -1, 2],
      [1, 0.25, -0.5],
    ];
    const w = head.getWeights();
    const [w0, w1, b0, b1] = [w[0]!.values, w[1]!.values, w[2]!.values, w[3]!.values];
    const expected = x.map((row) => {
      const h = [0, 1, 2, 3].map((j) => Math.max(0, b0[j]! + row.reduce((s, v, i) => s + v * w0[i * 4 + j]!, 0)));
      return [0, 1].map((j) => b1[j]! + h.reduce((s, v, i) => s + v * w1[i * 2 + j]!, 0));
    });
    const y = tf.tidy(() => Array.from(head.apply(tf.tensor2d(x)).dataSync()));
    y.forEach((v, k) => expect(v).toBeCloseTo(expected[Math.floor(k / 2)]![k % 2]!, 5));
    const other = new MlpHead({ units: [3, 4, 2], activations: ['relu', 'linear'], seed: 9 });
    other.setWeights(w);
    other.getWeights().forEach((t, i) => expect(Array.from(t.values)).toEqual(Array.from(w[i]!.values)));
    head.dispose();
    other.dispose();
  });

  it('has the gradients of the same stack built from tfjs ops, for every activation', () => {
    const acts = ['elu', 'relu', 'sigmoid', 'linear'] as const;
    const head = new MlpHead({ units: [6, 5, 7, 4, 3], activations: acts, seed: 4 });
    const vars = head.variables();
    const [w, b] = [vars.slice(0, 4), vars.slice(4)];
    const x = tf.variable(tf.randomNormal([9, 6], 0, 1.5, 'float32', 3) as tf.Tensor2D, true, 'mlp-x');
    const r = tf.randomNormal([9, 3], 0, 1, 'float32', 5);
    // Reference: plain tfjs ops and tfjs autodiff.
    const reference = (): tf.Scalar => {
      let h: tf.Tensor = x;
      acts.forEach((a, l) => {
        const z = tf.add(tf.matMul(h, w[l]!), b[l]!);
        h = a === 'elu' ? tf.elu(z) : a === 'relu' ? tf.relu(z) : a === 'sigmoid' ? tf.sigmoid(z) : z;
      });
      return tf.sum(tf.mul(h, r));
    };
    const fused = (): tf.Scalar => tf.sum(tf.mul(head.apply(x), r));
    const before = tf.memory().numTensors;
    const run = (f: () => tf.Scalar): { loss: number; grads: Float32Array[] } => {
      const { value, grads } = tf.variableGrads(f, [x, ...vars]);
      const out = {
        loss: value.dataSync()[0]!,
        grads: [x, ...vars].map((v) => Float32Array.from(grads[v.name]!.dataSync())),
      };
      tf.dispose([value, ...Object.values(grads)]);
      return out;
    };
    const want = run(reference);
    const got = run(fused);
    expect(tf.memory().numTensors).toBe(before);
    expect(got.loss).toBeCloseTo(want.loss, 4);
    want.grads.forEach((ref, k) => {
      const g = got.grads[k]!;
      expect(g.length).toBe(ref.length);
      g.forEach((v, i) => expect(Math.abs(v - ref[i]!) / (1 + Math.abs(ref[i]!))).toBeLessThan(1e-5));
    });
    [head, x, r].forEach((t) => t.dispose());
  });

  it('rejects bad widths and activation counts', () => {
    expect(() => new MlpHead({ units: [3] })).toThrow(EncoderInputError);
    expect(() => new MlpHead({ units: [3, 0] })).toThrow(EncoderInputError);
    expect(() => new MlpHead({ units: [3, 2], activations: ['relu', 'relu'] })).toThrow(EncoderInputError);
    expect(() => new MlpHead({ units: [3, 2], activations: ['tanh' as 'relu'] })).toThrow(EncoderInputError);
    const head = new MlpHead({ units: [3, 2] });
    expect(() => tf.tidy(() => head.apply(tf.zeros([2, 4])))).toThrow(EncoderInputError);
    head.dispose();
  });
});
