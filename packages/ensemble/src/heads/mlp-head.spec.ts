import { beforeAll, describe, expect, it } from 'vitest';

import { selectTfBackend, tf } from '@cgnas/native/tf';

import { EnsembleInputError } from '../errors.js';
import { MlpHead } from './mlp-head.js';

beforeAll(async () => {
  await selectTfBackend();
});

describe('MlpHead', () => {
  it('computes relu(x W1 + b1) W2 + b2 like a float64 reference', () => {
    const head = new MlpHead({ inputDim: 3, hidden: [4], outputDim: 2, seed: 5 });
    const st = head.getState();
    const x = [
      [0.5, -1, 2],
      [1, 1, -0.5],
    ];
    const [w1, b1, w2, b2] = st.weights as number[][];
    const ref = x.map((row) => {
      const h = Array.from({ length: 4 }, (_, j) =>
        Math.max(0, b1![j]! + row.reduce((a, xi, i) => a + xi * w1![i * 4 + j]!, 0)),
      );
      return Array.from({ length: 2 }, (_, k) => b2![k]! + h.reduce((a, hj, j) => a + hj * w2![j * 2 + k]!, 0));
    });
    const out = tf.tidy(() => head.apply(tf.tensor2d(x)).arraySync());
    for (let i = 0; i < 2; i++) for (let k = 0; k < 2; k++) expect(out[i]![k]).toBeCloseTo(ref[i]![k]!, 5);
    head.dispose();
  });

  it('round-trips its state, is seed-deterministic and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const a = new MlpHead({ inputDim: 5, seed: 1 });
    const b = MlpHead.fromState(a.getState());
    const c = new MlpHead({ inputDim: 5, seed: 1 });
    expect(b.getState()).toEqual(a.getState());
    expect(c.getState()).toEqual(a.getState());
    const x = tf.ones([2, 5]) as tf.Tensor2D;
    const y = a.apply(x);
    y.dispose();
    x.dispose();
    a.dispose();
    b.dispose();
    c.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a width mismatch and bad state with typed errors', () => {
    const head = new MlpHead({ inputDim: 4 });
    const x = tf.ones([1, 3]) as tf.Tensor2D;
    expect(() => head.apply(x)).toThrow(EnsembleInputError);
    expect(() => head.setState({ sizes: [3, 1], weights: [] })).toThrow(EnsembleInputError);
    expect(() => new MlpHead({ inputDim: 0 })).toThrow(EnsembleInputError);
    x.dispose();
    head.dispose();
  });
});
