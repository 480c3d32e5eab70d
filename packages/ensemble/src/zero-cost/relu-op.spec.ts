import { tf } from '@cgnas/native/tf';
import { describe, expect, it } from 'vitest';

import { reluOp } from './relu-op.js';

describe('reluOp', () => {
  it('matches tf.relu forward and gradient, and hands over the input values', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor1d([-2, -0.5, 0, 0.5, 3]);
      let seen: number[] = [];
      const y = reluOp(x, (v) => (seen = Array.from(v)));
      expect(Array.from(y.dataSync())).toEqual([0, 0, 0, 0.5, 3]);
      expect(seen).toEqual([-2, -0.5, 0, 0.5, 3]);
      const r = tf.tensor1d([1, 2, 3, 4, 5]);
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(reluOp(t), r)))(x);
      expect(Array.from(g.dataSync())).toEqual([0, 0, 0, 4, 5]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
