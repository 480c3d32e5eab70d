import { selectTfBackend, tf } from '@cgnas/native/tf';
import { beforeAll, describe, expect, it } from 'vitest';

import { EncoderInputError, EncoderStateError } from '../errors.js';
import { clippedStep } from './clipped-step.js';
import { FusedAdam } from './fused-adam.js';

beforeAll(async () => {
  await selectTfBackend();
});

/** Adam in float64, written out from Kingma & Ba (2015), Algorithm 1. */
function referenceAdam(theta: number[], grads: number[][], lr: number, b1: number, b2: number, eps: number): number[] {
  const m = theta.map(() => 0);
  const v = theta.map(() => 0);
  const out = theta.slice();
  grads.forEach((g, step) => {
    const t = step + 1;
    for (let i = 0; i < out.length; i++) {
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! ** 2;
      const mHat = m[i]! / (1 - b1 ** t);
      const vHat = v[i]! / (1 - b2 ** t);
      out[i] = out[i]! - (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  });
  return out;
}

describe('FusedAdam', () => {
  it('follows the float64 Adam recursion, gradient scale included', () => {
    const start = [0.5, -1.25, 2, 0.01];
    const x = tf.variable(tf.tensor1d(start), true, 'fa-ref');
    const raw = [
      [1, -2, 0.5, 3],
      [0.2, 0.1, -4, 1],
      [-1, 1, 1, -1],
    ];
    const scale = 0.25;
    const adam = new FusedAdam({ learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-3 });
    for (const g of raw) adam.applyGradients([x], [Float32Array.from(g)], scale);
    const want = referenceAdam(
      start,
      raw.map((g) => g.map((v) => v * scale)),
      0.05,
      0.8,
      0.99,
      1e-3,
    );
    const got = Array.from(x.dataSync());
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
    expect(adam.iterations).toBe(3);
    x.dispose();
  });

  it('trains like tf.train.adam on a least-squares problem (same defaults)', () => {
    const a = tf.tensor2d([1, 2, -1, 0.5, 3, -2, 0, 1, 1], [3, 3]);
    const y = tf.tensor2d([1, -1, 2], [3, 1]);
    const init = [0.1, -0.2, 0.3];
    const w1 = tf.variable(tf.tensor2d(init, [3, 1]), true, 'fa-w1');
    const w2 = tf.variable(tf.tensor2d(init, [3, 1]), true, 'fa-w2');
    const ours = new FusedAdam({ learningRate: 0.01 });
    const theirs = tf.train.adam(0.01);
    const loss = (w: tf.Variable) => (): tf.Scalar => tf.losses.meanSquaredError(y, tf.matMul(a, w)) as tf.Scalar;
    clippedStep(ours, [w1], loss(w1), Infinity);
    clippedStep(theirs, [w2], loss(w2), Infinity);
    const before = tf.memory().numTensors; // after tfjs Adam made its slots
    for (let s = 1; s < 20; s++) {
      clippedStep(ours, [w1], loss(w1), Infinity);
      clippedStep(theirs, [w2], loss(w2), Infinity);
    }
    expect(tf.memory().numTensors).toBe(before);
    const d1 = Array.from(w1.dataSync());
    const d2 = Array.from(w2.dataSync());
    d1.forEach((v, i) => expect(v).toBeCloseTo(d2[i]!, 5));
    expect(d1).not.toEqual(init.map(Math.fround));
    [a, y, w1, w2, theirs].forEach((t) => t.dispose());
  });

  it('folds clipping into its pass: a clipped step equals a step on the rescaled gradient', () => {
    // loss = 3·a + 4·b: gradient (3, 4), norm 5, clipped to norm 1 → (0.6, 0.8).
    const a = tf.variable(tf.scalar(0), true, 'fa-a');
    const b = tf.variable(tf.scalar(0), true, 'fa-b');
    const c = tf.variable(tf.tensor1d([0, 0]), true, 'fa-c');
    const clipped = new FusedAdam({ learningRate: 0.1 });
    const manual = new FusedAdam({ learningRate: 0.1 });
    const before = tf.memory().numTensors;
    for (let s = 0; s < 3; s++) {
      clippedStep(clipped, [a, b], () => tf.add(tf.mul(a, 3), tf.mul(b, 4)), 1);
      manual.applyGradients([c], [Float32Array.of(3 * (1 / (5 + 1e-6)), 4 * (1 / (5 + 1e-6)))]);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect([a.dataSync()[0], b.dataSync()[0]]).toEqual(Array.from(c.dataSync()));
    [a, b, c].forEach((t) => t.dispose());
  });

  it('resumes bit-identically from getWeights()', () => {
    const x = tf.variable(tf.tensor1d([1, 2, 3]), true, 'fa-resume');
    const grads = [Float32Array.of(1, -1, 2), Float32Array.of(0.5, 0.5, -3), Float32Array.of(-2, 1, 1)];
    const whole = new FusedAdam({ learningRate: 0.1 });
    for (const g of grads) whole.applyGradients([x], [g]);
    const wanted = Array.from(x.dataSync());
    x.assign(tf.tensor1d([1, 2, 3]));
    const first = new FusedAdam({ learningRate: 0.1 });
    first.applyGradients([x], [grads[0]!]);
    const resumed = new FusedAdam({ learningRate: 0.1 });
    resumed.setWeights(first.getWeights());
    expect(resumed.iterations).toBe(1);
    resumed.applyGradients([x], [grads[1]!]);
    resumed.applyGradients([x], [grads[2]!]);
    expect(Array.from(x.dataSync())).toEqual(wanted);
    x.dispose();
  });

  it('rejects bad options, mismatched gradients and foreign slots with typed errors', () => {
    expect(() => new FusedAdam({ learningRate: 0 })).toThrow(EncoderInputError);
    expect(() => new FusedAdam({ beta1: 1 })).toThrow(EncoderInputError);
    expect(() => new FusedAdam({ epsilon: -1 })).toThrow(EncoderInputError);
    const x = tf.variable(tf.tensor1d([1, 2]), true, 'fa-bad');
    const adam = new FusedAdam();
    expect(() => adam.applyGradients([x], [])).toThrow(EncoderInputError);
    expect(() => adam.applyGradients([x], [Float32Array.of(1)])).toThrow(EncoderInputError);
    expect(() => adam.setWeights([{ name: 'fa-bad/m', values: Float32Array.of(0, 0) }])).toThrow(EncoderStateError);
    expect(() =>
      adam.setWeights([
        { name: 'iter', values: Float32Array.of(1) },
        { name: 'fa-bad/q', values: Float32Array.of(0, 0) },
      ]),
    ).toThrow(EncoderStateError);
    x.dispose();
  });
});
