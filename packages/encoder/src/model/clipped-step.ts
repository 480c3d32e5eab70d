// One optimiser step with gradients clipped to a global L2 norm (torch.nn.utils.clip_grad_norm_,
// Pascanu et al. 2013), all inside one tf.tidy so a training loop keeps a constant tensor count.
import { tf } from '@cgnas/native/tf';

/**
 * Computes the loss and its gradients for `variables`, rescales them when their global norm exceeds
 * `maxNorm` (Infinity: never), applies them with `optimizer`, and returns the loss value.
 */
export function clippedStep(
  optimizer: tf.Optimizer,
  variables: readonly tf.Variable[],
  loss: () => tf.Scalar,
  maxNorm: number,
): number {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(loss, [...variables]);
    const names = Object.keys(grads);
    let scaled: tf.NamedTensorMap = grads;
    if (Number.isFinite(maxNorm)) {
      // Summed on the JS side: a few thousand floats, while ~3 tfjs ops per variable cost more.
      let squares = 0;
      for (const k of names) {
        const values = grads[k]!.dataSync();
        for (let i = 0; i < values.length; i++) squares += values[i]! * values[i]!;
      }
      const normValue = Math.sqrt(squares);
      if (normValue > maxNorm) {
        const factor = maxNorm / (normValue + 1e-6);
        scaled = Object.fromEntries(names.map((k) => [k, tf.mul(grads[k]!, factor)]));
      }
    }
    optimizer.applyGradients(scaled);
    return value.dataSync()[0]!;
  });
}
