// Losses that reward getting the order right, which is what SRCC/Kendall measure: a pairwise logistic
// (RankNet, Burges et al. 2005) loss over all ordered pairs in a batch, beside the usual MSE.
import { tf } from '@cgnas/native/tf';

/** Mean over pairs with y_i > y_j of softplus(-(s_i - s_j)) where s is [B]; 0 when the batch has no ordered pair. */
export function pairwiseLogisticLoss(scores: tf.Tensor1D, labels: ArrayLike<number>): tf.Scalar {
  const b = labels.length;
  const mask = new Float32Array(b * b);
  let count = 0;
  for (let i = 0; i < b; i++) {
    for (let j = 0; j < b; j++) {
      if (labels[i]! > labels[j]!) {
        mask[i * b + j] = 1;
        count++;
      }
    }
  }
  return tf.tidy(() => {
    if (count === 0) return tf.scalar(0);
    const diff = tf.sub(tf.reshape(scores, [b, 1]), tf.reshape(scores, [1, b]));
    return tf.div(tf.sum(tf.mul(tf.softplus(tf.neg(diff)), tf.tensor2d(mask, [b, b]))), count) as tf.Scalar;
  });
}
