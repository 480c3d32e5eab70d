import { beforeAll, describe, expect, it } from 'vitest';

import { selectTfBackend, tf } from '@cgnas/native/tf';

import { pairwiseLogisticLoss } from './ranking-losses.js';

beforeAll(async () => {
  await selectTfBackend();
});

describe('pairwiseLogisticLoss', () => {
  it('equals the float64 mean of log(1 + exp(-(s_i - s_j))) over pairs with y_i > y_j', () => {
    const s = [0.3, -1.2, 2, 0.5];
    const y = [1, 2, 2, 0];
    let sum = 0;
    let count = 0;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        if (y[i]! > y[j]!) {
          sum += Math.log1p(Math.exp(-(s[i]! - s[j]!)));
          count++;
        }
      }
    }
    const got = tf.tidy(() => pairwiseLogisticLoss(tf.tensor1d(s), y).dataSync()[0]!);
    expect(got).toBeCloseTo(sum / count, 5);
    expect(tf.tidy(() => pairwiseLogisticLoss(tf.tensor1d([1, 2]), [3, 3]).dataSync()[0])).toBe(0);
  });
});
