// Average pooling that divides by the number of in-bounds taps (PyTorch count_include_pad=False, as in
// NAS-Bench-201's avg_pool_3x3) with explicit [top, left, bottom, right] padding, as one tfjs op with a
// hand-written gradient: tfjs's cpu AvgPoolGrad reads through TensorBuffer.get and is ~50x slower, and a
// depthwise convolution with a ones filter (native) measured no faster than these loops.
import { tf } from '@cgnas/native/tf';

// tfjs types the function as variadic with a trailing save callback; ours takes one tensor.
type CustomGradFunc = Parameters<typeof tf.customGrad>[0];

// Scratch for the row sums, reused across calls (zeroed by fill): a fresh multi-megabyte array costs
// a page fault per 4 KiB on first touch. One per isolate; the op is synchronous, so never shared.
let scratch = new Float32Array(0);

function zeroedScratch(length: number): Float32Array {
  if (scratch.length < length) scratch = new Float32Array(length);
  const view = scratch.subarray(0, length);
  view.fill(0);
  return view;
}

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
  // The window sum is separable: sum along W into r [B, H, outW, C], then along H. For 3×3 that is 6
  // contiguous channel-vector adds per output instead of 9, and the backward pass is the transpose.
  const rowLen = outW * c;
  const op = tf.customGrad(((input: tf.Tensor) => {
    const xs = input.dataSync() as Float32Array;
    const r = zeroedScratch(bsz * h * rowLen);
    for (let row = 0; row < bsz * h; row++) {
      const src = row * w * c;
      const dst = row * rowLen;
      for (let ow = 0; ow < outW; ow++) {
        const o = dst + ow * c;
        for (let iw = w0[ow]!; iw < w1[ow]!; iw++) {
          const i0 = src + iw * c;
          for (let j = 0; j < c; j++) r[o + j]! += xs[i0 + j]!;
        }
      }
    }
    const y = new Float32Array(bsz * outH * rowLen);
    for (let b = 0; b < bsz; b++) {
      for (let oh = 0; oh < outH; oh++) {
        const o = (b * outH + oh) * rowLen;
        for (let ih = h0[oh]!; ih < h1[oh]!; ih++) {
          const i0 = (b * h + ih) * rowLen;
          for (let k2 = 0; k2 < rowLen; k2++) y[o + k2]! += r[i0 + k2]!;
        }
        for (let ow = 0; ow < outW; ow++) {
          const inv = 1 / ((h1[oh]! - h0[oh]!) * (w1[ow]! - w0[ow]!));
          const p = o + ow * c;
          for (let j = 0; j < c; j++) y[p + j]! *= inv;
        }
      }
    }
    const gradFunc = (dy: tf.Tensor): tf.Tensor => {
      const g = dy.dataSync() as Float32Array;
      const gr = zeroedScratch(bsz * h * rowLen);
      const scaled = new Float32Array(rowLen);
      for (let b = 0; b < bsz; b++) {
        for (let oh = 0; oh < outH; oh++) {
          const o = (b * outH + oh) * rowLen;
          for (let ow = 0; ow < outW; ow++) {
            const inv = 1 / ((h1[oh]! - h0[oh]!) * (w1[ow]! - w0[ow]!));
            const p = ow * c;
            for (let j = 0; j < c; j++) scaled[p + j] = g[o + p + j]! * inv;
          }
          for (let ih = h0[oh]!; ih < h1[oh]!; ih++) {
            const i0 = (b * h + ih) * rowLen;
            for (let k2 = 0; k2 < rowLen; k2++) gr[i0 + k2]! += scaled[k2]!;
          }
        }
      }
      const dx = new Float32Array(xs.length);
      for (let row = 0; row < bsz * h; row++) {
        const src = row * rowLen;
        const dst = row * w * c;
        for (let ow = 0; ow < outW; ow++) {
          const o = src + ow * c;
          for (let iw = w0[ow]!; iw < w1[ow]!; iw++) {
            const i0 = dst + iw * c;
            for (let j = 0; j < c; j++) dx[i0 + j]! += gr[o + j]!;
          }
        }
      }
      return tf.tensor(dx, input.shape);
    };
    return { value: tf.tensor(y, [bsz, outH, outW, c]), gradFunc };
  }) as CustomGradFunc);
  return op(x) as tf.Tensor4D;
}
