// The mini-batch loop every trained member shares: seeded shuffles, Adam over the given variables,
// the mean loss per epoch reported through a callback. Adam is the encoder's FusedAdam (one JS pass
// over all variables, the same update as tf.train.adam) rather than ~10 tfjs ops per variable per step.
import { FusedAdam, clippedStep } from '@cgnas/encoder';
import { Rng } from '@cgnas/native';
import { tf } from '@cgnas/native/tf';

import { EnsembleInputError } from '../errors.js';
import type { MemberTraining } from './ensemble-member.js';

/** Runs `training.epochs` epochs over n items; `loss(batch)` returns a scalar built from the variables. */
export function trainEpochs(
  n: number,
  training: MemberTraining,
  variables: readonly tf.Variable[],
  loss: (batch: readonly number[]) => tf.Scalar,
  onEpoch?: (epoch: number, loss: number) => void,
  beforeEpoch?: (epoch: number) => void,
): number {
  const { epochs, batchSize, learningRate } = training;
  if (!Number.isInteger(epochs) || epochs < 0) {
    throw new EnsembleInputError(
      `ensemble.trainEpochs: Expected a non-negative integer for epochs but received ${epochs}`,
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 2) {
    throw new EnsembleInputError(
      `ensemble.trainEpochs: Expected an integer >= 2 for batchSize but received ${batchSize}`,
    );
  }
  if (!(learningRate > 0)) {
    throw new EnsembleInputError(`ensemble.trainEpochs: Expected a positive learningRate but received ${learningRate}`);
  }
  const { averageLast = 0 } = training;
  if (!Number.isInteger(averageLast) || averageLast < 0) {
    throw new EnsembleInputError(
      `ensemble.trainEpochs: Expected a non-negative integer for averageLast (epochs to average) but received ${averageLast}`,
    );
  }
  if (n < 2)
    throw new EnsembleInputError(`ensemble.trainEpochs: Expected at least 2 training networks but received ${n}`);
  const rng = new Rng(training.seed, 7);
  const optimizer = new FusedAdam({ learningRate });
  let last = NaN;
  const averageFrom = epochs - Math.min(epochs, averageLast);
  const sums = averageFrom < epochs ? variables.map((v) => new Float64Array(v.size)) : null;
  try {
    for (let e = 0; e < epochs; e++) {
      beforeEpoch?.(e);
      const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
      let sum = 0;
      let batches = 0;
      for (let s = 0; s < n; s += batchSize) {
        let batch = order.slice(s, s + batchSize);
        // A lone leftover item has no pairs to rank; fold it into a random full batch instead.
        if (batch.length < 2) batch = [...batch, ...order.slice(0, batchSize - 1)];
        sum += clippedStep(optimizer, variables, () => loss(batch), Infinity);
        batches++;
      }
      last = sum / batches;
      if (sums && e >= averageFrom) {
        variables.forEach((v, j) => {
          const values = v.dataSync();
          const acc = sums[j]!;
          for (let i = 0; i < acc.length; i++) acc[i] = acc[i]! + values[i]!;
        });
      }
      onEpoch?.(e, last);
    }
    if (sums) {
      const count = epochs - averageFrom;
      variables.forEach((v, j) => {
        const mean = Float32Array.from(sums[j]!, (x) => x / count);
        tf.tidy(() => v.assign(tf.tensor(mean, v.shape, 'float32')));
      });
    }
  } finally {
    optimizer.dispose();
  }
  return last;
}
