// ReLU as one tfjs op with a single-pass gradient (dx = dy where x > 0). tfjs's own gradient is
// dy · step(x), two more full-size JS kernels per ReLU; zero-cost scoring runs thousands of them.
// Also hands the input values to `onInput` (NASWOT's binary codes) without another read.
import { tf } from '@cgnas/native/tf';

// tfjs types the function as variadic with a trailing save callback; ours takes one tensor.
type CustomGradFunc = Parameters<typeof tf.customGrad>[0];

/** max(x, 0), with `onInput(values)` called on the forward pass. */
export function reluOp(x: tf.Tensor, onInput?: (values: Float32Array) => void): tf.Tensor {
  const op = tf.customGrad(((input: tf.Tensor) => {
    const xs = input.dataSync() as Float32Array;
    onInput?.(xs);
    const y = new Float32Array(xs.length);
    for (let i = 0; i < xs.length; i++) y[i] = xs[i]! > 0 ? xs[i]! : 0;
    const gradFunc = (dy: tf.Tensor): tf.Tensor => {
      const g = dy.dataSync() as Float32Array;
      const dx = new Float32Array(g.length);
      for (let i = 0; i < g.length; i++) dx[i] = xs[i]! > 0 ? g[i]! : 0;
      return tf.tensor(dx, input.shape);
    };
    return { value: tf.tensor(y, input.shape), gradFunc };
  }) as CustomGradFunc);
  return op(x);
}
