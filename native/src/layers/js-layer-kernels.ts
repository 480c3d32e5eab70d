// The JS twin of the layer kernels (native/cpp/batch_norm_train.cc, relu.cc, avg_pool.cc): the fallback
// when the addon is missing. The channel loops walk four channels at a time with scalar accumulators
// (V8 keeps them in registers; an accumulator array costs a load and a store per element).
import type { AvgPoolBackwardArgs, AvgPoolForwardArgs, LayerKernels } from './layer-kernels.js';

/** Per-channel Σa and Σa·b over `rows` rows of `c` values (b = a gives Σa²), in float64. */
function channelSums(a: Float32Array, b: Float32Array, rows: number, c: number): [Float64Array, Float64Array] {
  const sa = new Float64Array(c);
  const sab = new Float64Array(c);
  const end = rows * c;
  let j = 0;
  for (; j + 4 <= c; j += 4) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let p0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    for (let i = j; i < end; i += c) {
      const v0 = a[i]!;
      const v1 = a[i + 1]!;
      const v2 = a[i + 2]!;
      const v3 = a[i + 3]!;
      a0 += v0;
      a1 += v1;
      a2 += v2;
      a3 += v3;
      p0 += v0 * b[i]!;
      p1 += v1 * b[i + 1]!;
      p2 += v2 * b[i + 2]!;
      p3 += v3 * b[i + 3]!;
    }
    sa.set([a0, a1, a2, a3], j);
    sab.set([p0, p1, p2, p3], j);
  }
  for (; j < c; j++) {
    let s = 0;
    let p = 0;
    for (let i = j; i < end; i += c) {
      s += a[i]!;
      p += a[i]! * b[i]!;
    }
    sa[j] = s;
    sab[j] = p;
  }
  return [sa, sab];
}

/** out[i] = a[i]·s_c + b[i]·t_c + u_c per channel c over `rows` rows (b null: no second term). */
function channelAffine(
  a: Float32Array,
  b: Float32Array | null,
  s: Float64Array,
  t: Float64Array,
  u: Float64Array,
  rows: number,
  c: number,
  out: Float32Array,
): void {
  const bb = b ?? a;
  const tt = b ? t : new Float64Array(c);
  const end = rows * c;
  let j = 0;
  for (; j + 4 <= c; j += 4) {
    const [s0, s1, s2, s3] = [s[j]!, s[j + 1]!, s[j + 2]!, s[j + 3]!];
    const [t0, t1, t2, t3] = [tt[j]!, tt[j + 1]!, tt[j + 2]!, tt[j + 3]!];
    const [u0, u1, u2, u3] = [u[j]!, u[j + 1]!, u[j + 2]!, u[j + 3]!];
    for (let i = j; i < end; i += c) {
      out[i] = a[i]! * s0 + bb[i]! * t0 + u0;
      out[i + 1] = a[i + 1]! * s1 + bb[i + 1]! * t1 + u1;
      out[i + 2] = a[i + 2]! * s2 + bb[i + 2]! * t2 + u2;
      out[i + 3] = a[i + 3]! * s3 + bb[i + 3]! * t3 + u3;
    }
  }
  for (; j < c; j++) {
    for (let i = j; i < end; i += c) out[i] = a[i]! * s[j]! + bb[i]! * tt[j]! + u[j]!;
  }
}

// Scratch for the pooling row sums, reused across calls (zeroed by fill): a fresh multi-megabyte array
// costs a page fault per 4 KiB on first touch. One per isolate; the kernels are synchronous.
let scratch = new Float32Array(0);

function zeroedScratch(length: number): Float32Array {
  if (scratch.length < length) scratch = new Float32Array(length);
  const view = scratch.subarray(0, length);
  view.fill(0);
  return view;
}

/** Clipped window bounds [lo, hi) per output position along one axis. */
function windows(out: number, size: number, k: number, stride: number, pad: number): [Int32Array, Int32Array] {
  const lo = new Int32Array(out);
  const hi = new Int32Array(out);
  for (let o = 0; o < out; o++) {
    lo[o] = Math.max(0, o * stride - pad);
    hi[o] = Math.min(size, o * stride - pad + k);
  }
  return [lo, hi];
}

// The window sum is separable: sum along W into r [N, H, outW, C], then along H. For 3×3 that is 6
// contiguous channel-vector adds per output instead of 9, and the backward pass is the transpose.
function avgPoolForward(a: AvgPoolForwardArgs): void {
  const { n, h, w, c, outH, outW, x, y } = a;
  const [h0, h1] = windows(outH, h, a.kh, a.strideH, a.padTop);
  const [w0, w1] = windows(outW, w, a.kw, a.strideW, a.padLeft);
  const rowLen = outW * c;
  const r = zeroedScratch(n * h * rowLen);
  for (let row = 0; row < n * h; row++) {
    const src = row * w * c;
    const dst = row * rowLen;
    for (let ow = 0; ow < outW; ow++) {
      const o = dst + ow * c;
      for (let iw = w0[ow]!; iw < w1[ow]!; iw++) {
        const i0 = src + iw * c;
        for (let j = 0; j < c; j++) r[o + j]! += x[i0 + j]!;
      }
    }
  }
  y.fill(0, 0, n * outH * rowLen);
  for (let b = 0; b < n; b++) {
    for (let oh = 0; oh < outH; oh++) {
      const o = (b * outH + oh) * rowLen;
      for (let ih = h0[oh]!; ih < h1[oh]!; ih++) {
        const i0 = (b * h + ih) * rowLen;
        for (let k = 0; k < rowLen; k++) y[o + k]! += r[i0 + k]!;
      }
      for (let ow = 0; ow < outW; ow++) {
        const inv = 1 / ((h1[oh]! - h0[oh]!) * (w1[ow]! - w0[ow]!));
        const p = o + ow * c;
        for (let j = 0; j < c; j++) y[p + j]! *= inv;
      }
    }
  }
}

function avgPoolBackward(a: AvgPoolBackwardArgs): void {
  const { n, h, w, c, outH, outW, dy, dx } = a;
  const [h0, h1] = windows(outH, h, a.kh, a.strideH, a.padTop);
  const [w0, w1] = windows(outW, w, a.kw, a.strideW, a.padLeft);
  const rowLen = outW * c;
  const gr = zeroedScratch(n * h * rowLen);
  const scaled = new Float32Array(rowLen);
  for (let b = 0; b < n; b++) {
    for (let oh = 0; oh < outH; oh++) {
      const o = (b * outH + oh) * rowLen;
      for (let ow = 0; ow < outW; ow++) {
        const inv = 1 / ((h1[oh]! - h0[oh]!) * (w1[ow]! - w0[ow]!));
        const p = ow * c;
        for (let j = 0; j < c; j++) scaled[p + j] = dy[o + p + j]! * inv;
      }
      for (let ih = h0[oh]!; ih < h1[oh]!; ih++) {
        const i0 = (b * h + ih) * rowLen;
        for (let k = 0; k < rowLen; k++) gr[i0 + k]! += scaled[k]!;
      }
    }
  }
  dx.fill(0, 0, n * h * w * c);
  for (let row = 0; row < n * h; row++) {
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
}

export const jsLayerKernels: LayerKernels = {
  backend: 'js',
  batchNormTrainForward({ rows, channels: c, epsilon, x, y, invStd }) {
    const [sum, sq] = channelSums(x, x, rows, c);
    const shift = new Float64Array(c);
    for (let j = 0; j < c; j++) {
      const mean = sum[j]! / rows;
      invStd[j] = 1 / Math.sqrt(Math.max(sq[j]! / rows - mean * mean, 0) + epsilon);
      shift[j] = -mean * invStd[j]!;
    }
    channelAffine(x, null, invStd, invStd, shift, rows, c, y);
  },
  batchNormTrainBackward({ rows, channels: c, y, invStd, dy, dx }) {
    const [sumG, sumGY] = channelSums(dy, y, rows, c);
    const t = new Float64Array(c);
    const u = new Float64Array(c);
    for (let j = 0; j < c; j++) {
      t[j] = (-invStd[j]! * sumGY[j]!) / rows;
      u[j] = (-invStd[j]! * sumG[j]!) / rows;
    }
    channelAffine(dy, y, invStd, t, u, rows, c, dx);
  },
  reluForward(x, y) {
    // (v + |v|) / 2 is exactly max(v, 0) and branch-free: a branch on random signs mispredicts half the time.
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      y[i] = (v + Math.abs(v)) * 0.5;
    }
  },
  reluBackward(y, dy, dx) {
    for (let i = 0; i < dy.length; i++) dx[i] = dy[i]! * +(y[i]! > 0);
  },
  avgPoolForward,
  avgPoolBackward,
};
