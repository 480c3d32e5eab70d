import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { selectTfBackend, tf } from '@cgnas/native/tf';

import { EnsembleInputError } from '../errors.js';
import { trainEpochs } from './train-epochs.js';

beforeAll(async () => {
  await selectTfBackend();
});

const made: tf.Variable[] = [];
afterEach(() => {
  for (const v of made.splice(0)) v.dispose();
});

/** A least-squares fit of w to noisy per-item targets, so every epoch ends at different weights. */
function fit(averageLast: number, epochs = 6): { final: Float32Array; perEpoch: Float32Array[] } {
  const w = tf.variable(tf.tensor1d([0.5, -0.25, 1]));
  made.push(w);
  const targets = [
    [1, 2, 3],
    [-1, 0, 2],
    [3, -2, 0.5],
    [0, 1, -1],
  ];
  const perEpoch: Float32Array[] = [];
  trainEpochs(
    targets.length,
    { epochs, batchSize: 2, learningRate: 0.05, rankWeight: 0, seed: 3, averageLast },
    [w],
    (batch) => tf.tidy(() => tf.mean(tf.square(tf.sub(w, tf.tensor2d(batch.map((i) => targets[i]!))))) as tf.Scalar),
    () => perEpoch.push(Float32Array.from(w.dataSync())),
  );
  return { final: Float32Array.from(w.dataSync()), perEpoch };
}

describe('trainEpochs', () => {
  it('keeps the last epoch weights without averaging', () => {
    const { final, perEpoch } = fit(0);
    expect(Array.from(final)).toEqual(Array.from(perEpoch.at(-1)!));
  });

  it('averageLast keeps the float64 mean of the weights at the end of the last k epochs', () => {
    const k = 3;
    const { final, perEpoch } = fit(k);
    const tail = perEpoch.slice(-k);
    const mean = [0, 1, 2].map((i) => tail.reduce((a, w) => a + w[i]!, 0) / k);
    // The epochs really differ, so the average is not just the last weights.
    expect(Math.abs(tail[0]![0]! - tail[2]![0]!)).toBeGreaterThan(1e-3);
    for (let i = 0; i < 3; i++) expect(final[i]!).toBeCloseTo(mean[i]!, 6);
    // Averaging more epochs than exist averages them all.
    const all = fit(50);
    const meanAll = [0, 1, 2].map((i) => all.perEpoch.reduce((a, w) => a + w[i]!, 0) / all.perEpoch.length);
    for (let i = 0; i < 3; i++) expect(all.final[i]!).toBeCloseTo(meanAll[i]!, 6);
  });

  it('rejects a bad schedule with a typed error', () => {
    expect(() => fit(0, 1.5)).toThrow(/epochs/);
    expect(() => fit(-1)).toThrow(EnsembleInputError);
    expect(() => fit(1.5)).toThrow(/averageLast/);
  });
});
