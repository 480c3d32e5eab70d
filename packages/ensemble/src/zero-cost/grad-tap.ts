// An identity op that hands its incoming gradient to a callback: how fisher reads ∂L/∂a for every
// layer output a in the same backward pass as the weight gradients (NASLib inserts identity "dummy"
// modules with backward hooks for the same purpose).
import { tf } from '@cgnas/native/tf';

// tfjs types the function as variadic with a trailing save callback; ours takes one tensor.
type CustomGradFunc = Parameters<typeof tf.customGrad>[0];

/** Returns x unchanged; `onGrad(dL/dx)` is called during backpropagation. */
export function gradTap(x: tf.Tensor, onGrad: (grad: Float32Array) => void): tf.Tensor {
  const op = tf.customGrad(((input: tf.Tensor) => ({
    value: tf.clone(input),
    gradFunc: (dy: tf.Tensor): tf.Tensor => {
      onGrad(dy.dataSync() as Float32Array);
      return tf.clone(dy);
    },
  })) as CustomGradFunc);
  return op(x);
}
