import { tf } from '@cgnas/native/tf';
import { describe, expect, it } from 'vitest';

import { gradTap } from './grad-tap.js';

describe('gradTap', () => {
  it('is the identity and reports dL/dx with x: for L = Σ r·x², dL/dx = 2 r x', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor1d([1, -2, 3]);
      const r = tf.tensor1d([0.5, 1, 2]);
      let tapped: number[] = [];
      let value: number[] = [];
      const g = tf.grad((t: tf.Tensor) => {
        const y = gradTap(t, (d, v) => {
          tapped = Array.from(d);
          value = Array.from(v);
        });
        return tf.sum(tf.mul(tf.square(y), r));
      })(x);
      expect(tapped).toEqual([1, -4, 12]);
      expect(value).toEqual([1, -2, 3]);
      expect(Array.from(g.dataSync())).toEqual([1, -4, 12]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
