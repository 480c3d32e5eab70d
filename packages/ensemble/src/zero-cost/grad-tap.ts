// An identity op that hands its incoming gradient to a callback: how fisher reads ∂L/∂a for every
// layer output a in the same backward pass as the weight gradients (NASLib inserts identity "dummy"
// modules with backward hooks for the same purpose). The callback also gets a itself, kept alive for that
// moment as a saved tensor (an unsaved forward tensor may be disposed and its storage recycled).
import { tf } from '@cgnas/native/tf';

// tfjs types the function as variadic with a trailing save callback; ours takes one tensor.
type CustomGradFunc = Parameters<typeof tf.customGrad>[0];

/** Returns x unchanged; `onGrad(dL/dx, x)` is called during backpropagation (arrays valid during the call). */
export function gradTap(x: tf.Tensor, onGrad: (grad: Float32Array, value: Float32Array) => void): tf.Tensor {
  const op = tf.customGrad(((input: tf.Tensor, save: (tensors: tf.Tensor[]) => void) => {
    const value = tf.clone(input);
    save([value]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor => {
        onGrad(dy.dataSync() as Float32Array, saved[0]!.dataSync() as Float32Array);
        return tf.clone(dy);
      },
    };
  }) as CustomGradFunc);
  return op(x);
}
