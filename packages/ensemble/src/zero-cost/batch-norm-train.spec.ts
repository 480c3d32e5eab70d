import { tf } from '@cgnas/native/tf';
import { describe, expect, it } from 'vitest';

import { batchNormTrain } from './batch-norm-train.js';

// Reference: tfjs's composite ops (moments, broadcast sub/mul), an independent implementation.
function composite(x: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, [0, 1, 2], true);
  return tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5)));
}

describe('batchNormTrain', () => {
  it('matches the composite batch norm, forward and gradient', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.randomNormal([3, 4, 5, 6], 0.5, 2, 'float32', 7) as tf.Tensor4D;
      const r = tf.randomNormal([3, 4, 5, 6], 0, 1, 'float32', 8);
      const y = batchNormTrain(x);
      expect(tf.max(tf.abs(tf.sub(y, composite(x)))).dataSync()[0]).toBeLessThan(1e-4);
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(batchNormTrain(t), r)))(x);
      const ref = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(composite(t), r)))(x);
      expect(tf.max(tf.abs(tf.sub(g, ref))).dataSync()[0]).toBeLessThan(1e-4);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
