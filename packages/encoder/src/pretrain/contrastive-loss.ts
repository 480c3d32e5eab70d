// GENNAPE's spectrally weighted contrastive loss (Mills et al. 2023, eq. 2), a soft-positive
// generalisation of NT-Xent (SimCLR, Chen et al. 2020):
//   L = −(1/|rows|) Σ_i Σ_s α^(i)_s log( exp(z_i·z_s/τ) / Σ_{r≠i} exp(z_i·z_r/τ) ),  z = h/‖h‖.
import { tf } from '@cgnas/native/tf';

/**
 * `h` [B, d] projections (normalised here), `alpha` [B, B] row weights with a zero diagonal (rows that
 * are all zero do not count), τ the temperature. Returns the mean loss over weighted rows.
 */
export function contrastiveLoss(h: tf.Tensor2D, alpha: tf.Tensor2D, tau: number): tf.Scalar {
  return tf.tidy(() => {
    const B = h.shape[0];
    const z = tf.div(h, tf.add(tf.norm(h, 'euclidean', 1, true), 1e-12));
    // Self-similarity is excluded from the denominator by a large negative logit.
    const selfMask = tf.mul(tf.eye(B), -1e9);
    const logits = tf.add(tf.div(tf.matMul(z, z, false, true), tau), selfMask);
    const logProb = tf.sub(logits, tf.logSumExp(logits, 1, true));
    const rows = tf.maximum(tf.sum(tf.cast(tf.greater(tf.sum(alpha, 1), 0), 'float32')), 1);
    // α is zero on the diagonal, so the −1e9 there never enters the sum.
    return tf.div(tf.neg(tf.sum(tf.mul(alpha, logProb))), rows) as tf.Scalar;
  });
}
