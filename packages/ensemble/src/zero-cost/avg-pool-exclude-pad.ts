// Average pooling that divides by the number of in-bounds taps (PyTorch count_include_pad=False, as in
// NAS-Bench-201's avg_pool_3x3) with explicit [top, left, bottom, right] padding, as one tfjs op with a
// hand-written gradient: tfjs's cpu AvgPoolGrad reads through TensorBuffer.get and is ~50x slower. The
// loops are @cgnas/native's layer kernels (C++, or their JS twin without the addon).
import { avgPoolBackward, avgPoolForward, poolGeometry } from '@cgnas/native';
import { takeFloat32, tf } from '@cgnas/native/tf';

// tfjs types the function as variadic with a trailing save callback; ours takes one tensor.
type CustomGradFunc = Parameters<typeof tf.customGrad>[0];

/** x [B, H, W, C] → [B, outH, outW, C], window k×k, stride s. */
export function avgPoolExcludePad(
  x: tf.Tensor4D,
  k: number,
  stride: number,
  pads: readonly [number, number, number, number],
): tf.Tensor4D {
  const g = poolGeometry(x.shape, [k, k], [stride, stride], pads);
  const outShape = [g.n, g.outH, g.outW, g.c];
  const op = tf.customGrad(((input: tf.Tensor) => {
    const y = takeFloat32(g.n * g.outH * g.outW * g.c);
    avgPoolForward({ ...g, x: input.dataSync() as Float32Array, y });
    const gradFunc = (dy: tf.Tensor): tf.Tensor => {
      const dx = takeFloat32(input.size);
      avgPoolBackward({ ...g, dy: dy.dataSync() as Float32Array, dx });
      return tf.tensor(dx, input.shape);
    };
    return { value: tf.tensor(y, outShape), gradFunc };
  }) as CustomGradFunc);
  return op(x) as tf.Tensor4D;
}
