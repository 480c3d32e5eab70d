// BatchNorm in training mode at initialisation (γ = 1, β = 0, batch statistics, biased variance, ε = 1e-5)
// as one tfjs op with a hand-written gradient (Ioffe & Szegedy 2015, §3): the composite tfjs version
// broadcasts [B,H,W,C] against [C], which tfjs's cpu backend does element by element through index maths.
// The loops walk four channels at a time with scalar accumulators (V8 keeps them in registers; an
// accumulator array costs a load and a store per element), which halves the time per element.
import { tf } from '@cgnas/native/tf';

// tfjs types the function as variadic with a trailing save callback; ours takes one tensor.
type CustomGradFunc = Parameters<typeof tf.customGrad>[0];

const EPSILON = 1e-5;

/** Per-channel Σa and Σa·b over rows of `c` values (b = a gives Σa²). */
function channelSums(a: Float32Array, b: Float32Array, c: number): [Float64Array, Float64Array] {
  const sa = new Float64Array(c);
  const sab = new Float64Array(c);
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
    for (let i = j; i < a.length; i += c) {
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
    for (let i = j; i < a.length; i += c) {
      s += a[i]!;
      p += a[i]! * b[i]!;
    }
    sa[j] = s;
    sab[j] = p;
  }
  return [sa, sab];
}

/** out[i] = a[i]·s_c + b[i]·t_c + u_c per channel c (b may be null: t ignored). */
function channelAffine(
  a: Float32Array,
  b: Float32Array | null,
  s: Float64Array,
  t: Float64Array,
  u: Float64Array,
  c: number,
): Float32Array {
  const out = new Float32Array(a.length);
  const bb = b ?? a;
  const tt = b ? t : new Float64Array(c);
  let j = 0;
  for (; j + 4 <= c; j += 4) {
    const [s0, s1, s2, s3] = [s[j]!, s[j + 1]!, s[j + 2]!, s[j + 3]!];
    const [t0, t1, t2, t3] = [tt[j]!, tt[j + 1]!, tt[j + 2]!, tt[j + 3]!];
    const [u0, u1, u2, u3] = [u[j]!, u[j + 1]!, u[j + 2]!, u[j + 3]!];
    for (let i = j; i < a.length; i += c) {
      out[i] = a[i]! * s0 + bb[i]! * t0 + u0;
      out[i + 1] = a[i + 1]! * s1 + bb[i + 1]! * t1 + u1;
      out[i + 2] = a[i + 2]! * s2 + bb[i + 2]! * t2 + u2;
      out[i + 3] = a[i + 3]! * s3 + bb[i + 3]! * t3 + u3;
    }
  }
  for (; j < c; j++) {
    for (let i = j; i < a.length; i += c) out[i] = a[i]! * s[j]! + bb[i]! * tt[j]! + u[j]!;
  }
  return out;
}

/** y = (x − mean_c) / sqrt(var_c + ε) over all but the last axis of x. */
export function batchNormTrain(x: tf.Tensor): tf.Tensor {
  const op = tf.customGrad(((input: tf.Tensor) => {
    const c = input.shape[input.shape.length - 1]!;
    const xs = input.dataSync() as Float32Array;
    const n = xs.length / c;
    const [sum, sq] = channelSums(xs, xs, c);
    const invStd = new Float64Array(c);
    const shift = new Float64Array(c);
    for (let j = 0; j < c; j++) {
      const mean = sum[j]! / n;
      invStd[j] = 1 / Math.sqrt(Math.max(sq[j]! / n - mean * mean, 0) + EPSILON);
      shift[j] = -mean * invStd[j]!;
    }
    const xhat = channelAffine(xs, null, invStd, invStd, shift, c);
    const value = tf.tensor(xhat, input.shape);
    const gradFunc = (dy: tf.Tensor): tf.Tensor => {
      const g = dy.dataSync() as Float32Array;
      const [sumG, sumGX] = channelSums(g, xhat, c);
      // dx = invstd · (dy − mean(dy) − x̂ · mean(dy · x̂))
      const t = new Float64Array(c);
      const u = new Float64Array(c);
      for (let j = 0; j < c; j++) {
        t[j] = (-invStd[j]! * sumGX[j]!) / n;
        u[j] = (-invStd[j]! * sumG[j]!) / n;
      }
      return tf.tensor(channelAffine(g, xhat, invStd, t, u, c), input.shape);
    };
    return { value, gradFunc };
  }) as CustomGradFunc);
  return op(x);
}
