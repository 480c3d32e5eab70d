import { selectTfBackend, tf } from '@cgnas/native/tf';
import { beforeAll, describe, expect, it } from 'vitest';

import { clippedStep } from './clipped-step.js';

beforeAll(async () => {
  await selectTfBackend();
});

describe('clippedStep', () => {
  it('rescales gradients to the global norm when it exceeds maxNorm, and leaves small ones alone', () => {
    // loss = 3·a + 4·b → gradient (3, 4), global norm 5. SGD with lr 1 moves by the (clipped) gradient.
    const a = tf.variable(tf.scalar(0));
    const b = tf.variable(tf.scalar(0));
    const sgd = tf.train.sgd(1);
    const loss = (): tf.Scalar => tf.add(tf.mul(a, 3), tf.mul(b, 4));
    const before = tf.memory().numTensors;
    expect(clippedStep(sgd, [a, b], loss, 1)).toBe(0);
    expect(a.dataSync()[0]).toBeCloseTo(-0.6, 5);
    expect(b.dataSync()[0]).toBeCloseTo(-0.8, 5);
    clippedStep(sgd, [a, b], loss, 10);
    expect(a.dataSync()[0]).toBeCloseTo(-3.6, 5);
    expect(b.dataSync()[0]).toBeCloseTo(-4.8, 5);
    expect(tf.memory().numTensors).toBe(before);
    [a, b, sgd].forEach((x) => x.dispose());
  });
});
