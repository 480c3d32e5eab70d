// BatchNorm in training mode at initialisation (γ = 1, β = 0, batch statistics, biased variance, ε = 1e-5)
// as one tfjs op with a hand-written gradient (Ioffe & Szegedy 2015, §3): the composite tfjs version
// broadcasts [B,H,W,C] against [C], which tfjs's cpu backend does element by element through index maths.
import { tf } from '@cgnas/native/tf';

// tfjs types the function as variadic with a trailing save callback; ours takes one tensor.
type CustomGradFunc = Parameters<typeof tf.customGrad>[0];

const EPSILON = 1e-5;

/** y = (x − mean_c) / sqrt(var_c + ε) over all but the last axis of x. */
export function batchNormTrain(x: tf.Tensor): tf.Tensor {
  const op = tf.customGrad(((input: tf.Tensor) => {
    const c = input.shape[input.shape.length - 1]!;
    const xs = input.dataSync() as Float32Array;
    const n = xs.length / c;
    const mean = new Float64Array(c);
    const sq = new Float64Array(c);
    for (let i = 0; i < xs.length; i += c) {
      for (let j = 0; j < c; j++) {
        const v = xs[i + j]!;
        mean[j]! += v;
        sq[j]! += v * v;
      }
    }
    const invStd = new Float64Array(c);
    for (let j = 0; j < c; j++) {
      mean[j]! /= n;
      invStd[j] = 1 / Math.sqrt(Math.max(sq[j]! / n - mean[j]! * mean[j]!, 0) + EPSILON);
    }
    const xhat = new Float32Array(xs.length);
    for (let i = 0; i < xs.length; i += c) {
      for (let j = 0; j < c; j++) xhat[i + j] = (xs[i + j]! - mean[j]!) * invStd[j]!;
    }
    const value = tf.tensor(xhat, input.shape);
    const gradFunc = (dy: tf.Tensor): tf.Tensor => {
      const g = dy.dataSync() as Float32Array;
      const sumG = new Float64Array(c);
      const sumGX = new Float64Array(c);
      for (let i = 0; i < g.length; i += c) {
        for (let j = 0; j < c; j++) {
          sumG[j]! += g[i + j]!;
          sumGX[j]! += g[i + j]! * xhat[i + j]!;
        }
      }
      // dx = invstd · (dy − mean(dy) − x̂ · mean(dy · x̂))
      const dx = new Float32Array(g.length);
      for (let i = 0; i < g.length; i += c) {
        for (let j = 0; j < c; j++) {
          dx[i + j] = invStd[j]! * (g[i + j]! - sumG[j]! / n - (xhat[i + j]! * sumGX[j]!) / n);
        }
      }
      return tf.tensor(dx, input.shape);
    };
    return { value, gradFunc };
  }) as CustomGradFunc);
  return op(x);
}
