// Average pooling that divides by the number of in-bounds taps (PyTorch count_include_pad=False, as in
// NAS-Bench-201's avg_pool_3x3) with explicit [top, left, bottom, right] padding, as one tfjs op with a
// hand-written gradient: tfjs's cpu AvgPoolGrad reads through TensorBuffer.get and is ~50x slower.
import { tf } from '@cgnas/native/tf';

// tfjs types the function as variadic with a trailing save callback; ours takes one tensor.
type CustomGradFunc = Parameters<typeof tf.customGrad>[0];

/** x [B, H, W, C] → [B, outH, outW, C], window k×k, stride s. */
export function avgPoolExcludePad(
  x: tf.Tensor4D,
  k: number,
  stride: number,
  pads: readonly [number, number, number, number],
): tf.Tensor4D {
  const [bsz, h, w, c] = x.shape;
  const [top, left, bottom, right] = pads;
  const outH = Math.floor((h + top + bottom - k) / stride) + 1;
  const outW = Math.floor((w + left + right - k) / stride) + 1;
  // Window bounds and 1/count per output position, shared by forward and backward.
  const h0 = new Int32Array(outH);
  const h1 = new Int32Array(outH);
  const w0 = new Int32Array(outW);
  const w1 = new Int32Array(outW);
  for (let o = 0; o < outH; o++) {
    h0[o] = Math.max(0, o * stride - top);
    h1[o] = Math.min(h, o * stride - top + k);
  }
  for (let o = 0; o < outW; o++) {
    w0[o] = Math.max(0, o * stride - left);
    w1[o] = Math.min(w, o * stride - left + k);
  }
  const op = tf.customGrad(((input: tf.Tensor) => {
    const xs = input.dataSync() as Float32Array;
    const y = new Float32Array(bsz * outH * outW * c);
    for (let b = 0; b < bsz; b++) {
      for (let oh = 0; oh < outH; oh++) {
        for (let ow = 0; ow < outW; ow++) {
          const base = ((b * outH + oh) * outW + ow) * c;
          const inv = 1 / ((h1[oh]! - h0[oh]!) * (w1[ow]! - w0[ow]!));
          for (let ih = h0[oh]!; ih < h1[oh]!; ih++) {
            for (let iw = w0[ow]!; iw < w1[ow]!; iw++) {
              const src = ((b * h + ih) * w + iw) * c;
              for (let j = 0; j < c; j++) y[base + j]! += xs[src + j]!;
            }
          }
          for (let j = 0; j < c; j++) y[base + j]! *= inv;
        }
      }
    }
    const gradFunc = (dy: tf.Tensor): tf.Tensor => {
      const g = dy.dataSync() as Float32Array;
      const dx = new Float32Array(xs.length);
      for (let b = 0; b < bsz; b++) {
        for (let oh = 0; oh < outH; oh++) {
          for (let ow = 0; ow < outW; ow++) {
            const base = ((b * outH + oh) * outW + ow) * c;
            const inv = 1 / ((h1[oh]! - h0[oh]!) * (w1[ow]! - w0[ow]!));
            for (let ih = h0[oh]!; ih < h1[oh]!; ih++) {
              for (let iw = w0[ow]!; iw < w1[ow]!; iw++) {
                const dst = ((b * h + ih) * w + iw) * c;
                for (let j = 0; j < c; j++) dx[dst + j]! += g[base + j]! * inv;
              }
            }
          }
        }
      }
      return tf.tensor(dx, input.shape);
    };
    return { value: tf.tensor(y, [bsz, outH, outW, c]), gradFunc };
  }) as CustomGradFunc);
  return op(x) as tf.Tensor4D;
}
