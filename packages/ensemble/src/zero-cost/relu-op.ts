// ReLU as one tfjs op with a single-pass, branch-free gradient (dx = dy · [y > 0]). tfjs's own gradient
// is dy · step(x), two more full-size JS kernels per ReLU, and its forward branches on the sign, which
// mispredicts on half of the (random-sign) activations: ~5x slower here. The loops are @cgnas/native's
// layer kernels (C++, or their JS twin without the addon).
// Also hands the input values to `onInput` (NASWOT's binary codes) without another read.
import { reluBackward, reluForward } from '@cgnas/native';
import { takeFloat32, tf } from '@cgnas/native/tf';

// tfjs types the function as variadic with a trailing save callback; ours takes one tensor.
type CustomGradFunc = Parameters<typeof tf.customGrad>[0];

/** max(x, 0), with `onInput(values)` called on the forward pass. */
export function reluOp(x: tf.Tensor, onInput?: (values: Float32Array) => void): tf.Tensor {
  const op = tf.customGrad(((input: tf.Tensor, save: (tensors: tf.Tensor[]) => void) => {
    const xs = input.dataSync() as Float32Array;
    onInput?.(xs);
    const y = takeFloat32(xs.length);
    reluForward(xs, y);
    const value = tf.tensor(y, input.shape);
    // The backward pass reads y through a saved tensor: tfjs keeps saved tensors alive until backpropagation
    // ends, while an unsaved forward tensor may be disposed and its storage recycled (withFloat32Recycling).
    save([value]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor => {
      const dx = takeFloat32(y.length);
      reluBackward(saved[0]!.dataSync() as Float32Array, dy.dataSync() as Float32Array, dx);
      return tf.tensor(dx, input.shape);
    };
    return { value, gradFunc };
  }) as CustomGradFunc);
  return op(x);
}
