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

  it('rejects bad widths and activation counts', () => {
    expect(() => new MlpHead({ units: [3] })).toThrow(EncoderInputError);
    expect(() => new MlpHead({ units: [3, 0] })).toThrow(EncoderInputError);
    expect(() => new MlpHead({ units: [3, 2], activations: ['relu', 'relu'] })).toThrow(EncoderInputError);
  });
});
