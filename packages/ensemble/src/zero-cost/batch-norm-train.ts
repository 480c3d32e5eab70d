// BatchNorm in training mode at initialisation (γ = 1, β = 0, batch statistics, biased variance, ε = 1e-5)
// as one tfjs op with a hand-written gradient (Ioffe & Szegedy 2015, §3): the composite tfjs version
// broadcasts [B,H,W,C] against [C], which tfjs's cpu backend does element by element through index maths.
// The loops are @cgnas/native's layer kernels (C++, or their JS twin without the addon).
import { batchNormTrainBackward, batchNormTrainForward } from '@cgnas/native';
import { takeFloat32, tf } from '@cgnas/native/tf';

// tfjs types the function as variadic with a trailing save callback; ours takes one tensor.
type CustomGradFunc = Parameters<typeof tf.customGrad>[0];

const EPSILON = 1e-5;

/** y = (x − mean_c) / sqrt(var_c + ε) over all but the last axis of x. */
export function batchNormTrain(x: tf.Tensor): tf.Tensor {
  const op = tf.customGrad(((input: tf.Tensor, save: (tensors: tf.Tensor[]) => void) => {
    const channels = input.shape[input.shape.length - 1]!;
    const xs = input.dataSync() as Float32Array;
    const rows = xs.length / channels;
    const y = takeFloat32(xs.length);
    const invStd = new Float64Array(channels);
    batchNormTrainForward({ rows, channels, epsilon: EPSILON, x: xs, y, invStd });
    const value = tf.tensor(y, input.shape);
    // The backward pass reads x̂ through a saved tensor: tfjs keeps saved tensors alive until backpropagation
    // ends, while an unsaved forward tensor may be disposed and its storage recycled (withFloat32Recycling).
    save([value]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor => {
      const dx = takeFloat32(y.length);
      const xhat = saved[0]!.dataSync() as Float32Array;
      batchNormTrainBackward({ rows, channels, y: xhat, invStd, dy: dy.dataSync() as Float32Array, dx });
      return tf.tensor(dx, input.shape);
    };
    return { value, gradFunc };
  }) as CustomGradFunc);
  return op(x);
}
