// One optimiser step with gradients clipped to a global L2 norm (torch.nn.utils.clip_grad_norm_,
// Pascanu et al. 2013), all inside one tf.tidy so a training loop keeps a constant tensor count.
import { tf } from '@cgnas/native/tf';

import { FusedAdam } from './fused-adam.js';

/**
 * Computes the loss and its gradients for `variables`, rescales them when their global norm exceeds
 * `maxNorm` (Infinity: never), applies them with `optimizer`, and returns the loss value.
 * With a FusedAdam the rescaling is folded into its single pass (no tfjs ops after the gradients).
 */
export function clippedStep(
  optimizer: tf.Optimizer | FusedAdam,
  variables: readonly tf.Variable[],
  loss: () => tf.Scalar,
  maxNorm: number,
): number {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(loss, [...variables]);
    // Variables the loss does not reach have no gradient: they are left as they are.
    const used = variables.filter((v) => grads[v.name] !== undefined);
    const arrays = used.map((v) => grads[v.name]!.dataSync());
    let factor = 1;
    if (Number.isFinite(maxNorm)) {
      // Summed on the JS side: a few thousand floats, while ~3 tfjs ops per variable cost more.
      let squares = 0;
      for (const values of arrays) {
        for (let i = 0; i < values.length; i++) squares += values[i]! * values[i]!;
      }
      const normValue = Math.sqrt(squares);
      if (normValue > maxNorm) factor = maxNorm / (normValue + 1e-6);
    }
    if (optimizer instanceof FusedAdam) {
      optimizer.applyGradients(used, arrays, factor);
    } else {
      const scaled =
        factor === 1 ? grads : Object.fromEntries(used.map((v) => [v.name, tf.mul(grads[v.name]!, factor)]));
      optimizer.applyGradients(scaled);
    }
    return value.dataSync()[0]!;
  });
}
