// One conformance suite for the tfjs cpu-backend kernels that cgnas can replace with C++ (Conv2D,
// DepthwiseConv2dNative, their gradients, BatchMatMul, UnsortedSegmentSum): forward results against
// float64 references, gradients against central finite differences of those references.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { tf } from '../tf/select-tf-backend.js';
import { dot, seededRandom } from './reference.js';

type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

interface ConvCase {
  readonly x: [number, number, number, number];
  /** [kh, kw, outC] for dense, [kh, kw, multiplier] for depthwise. */
  readonly k: [number, number, number];
  readonly stride: [number, number];
  readonly dilation: number;
  readonly pad: Pad;
}

function randomArray(n: number, rand: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rand() * 2 - 1;
  return out;
}

/** TensorFlow's SAME/VALID/explicit padding rule, written out independently of tfjs. */
function padding(
  size: number,
  k: number,
  stride: number,
  dilation: number,
  pad: Pad,
  axis: 1 | 2,
): { out: number; before: number } {
  const eff = (k - 1) * dilation + 1;
  if (pad === 'same') {
    const out = Math.ceil(size / stride);
    const total = Math.max((out - 1) * stride + eff - size, 0);
    return { out, before: Math.floor(total / 2) };
  }
  if (pad === 'valid') return { out: Math.ceil((size - eff + 1) / stride), before: 0 };
  const [b, a] = pad[axis];
  return { out: Math.floor((size + b + a - eff) / stride) + 1, before: b };
}

/** Float64 NHWC convolution; depthwise when `depthwise` (filter [kh, kw, c, mult]). */
function referenceConv(
  c: ConvCase,
  x: Float64Array,
  f: Float64Array,
  depthwise: boolean,
): { y: Float64Array; shape: [number, number, number, number] } {
  const [n, h, w, ch] = c.x;
  const [kh, kw, kc] = c.k;
  const outC = depthwise ? ch * kc : kc;
  const ph = padding(h, kh, c.stride[0], c.dilation, c.pad, 1);
  const pw = padding(w, kw, c.stride[1], c.dilation, c.pad, 2);
  const y = new Float64Array(n * ph.out * pw.out * outC);
  for (let b = 0; b < n; b++)
    for (let oh = 0; oh < ph.out; oh++)
      for (let ow = 0; ow < pw.out; ow++)
        for (let o = 0; o < outC; o++) {
          let s = 0;
          for (let i = 0; i < kh; i++) {
            const ih = oh * c.stride[0] - ph.before + i * c.dilation;
            if (ih < 0 || ih >= h) continue;
            for (let j = 0; j < kw; j++) {
              const iw = ow * c.stride[1] - pw.before + j * c.dilation;
              if (iw < 0 || iw >= w) continue;
              if (depthwise) {
                const ci = Math.floor(o / kc);
                s += x[((b * h + ih) * w + iw) * ch + ci]! * f[((i * kw + j) * ch + ci) * kc + (o % kc)]!;
              } else {
                for (let ci = 0; ci < ch; ci++)
                  s += x[((b * h + ih) * w + iw) * ch + ci]! * f[((i * kw + j) * ch + ci) * kc + o]!;
              }
            }
          }
          y[((b * ph.out + oh) * pw.out + ow) * outC + o] = s;
        }
  return { y, shape: [n, ph.out, pw.out, outC] };
}

/** d/dv of L(v) = <r, conv(...)> by central differences (exact up to rounding: L is linear in v). */
function finiteDifference(v: Float64Array, loss: () => number): Float64Array {
  const g = new Float64Array(v.length);
  const h = 1e-3;
  for (let i = 0; i < v.length; i++) {
    const keep = v[i]!;
    v[i] = keep + h;
    const up = loss();
    v[i] = keep - h;
    const down = loss();
    v[i] = keep;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

function maxRelError(actual: ArrayLike<number>, expected: Float64Array): number {
  let scale = 1e-6;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  let err = 0;
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) err = Math.max(err, Math.abs(actual[i]! - expected[i]!));
  return err / scale;
}

const CONV_CASES: readonly ConvCase[] = [
  { x: [2, 7, 6, 3], k: [3, 3, 4], stride: [1, 1], dilation: 1, pad: 'same' },
  { x: [2, 8, 8, 5], k: [3, 3, 6], stride: [2, 2], dilation: 1, pad: 'same' },
  { x: [1, 9, 7, 4], k: [1, 1, 5], stride: [1, 1], dilation: 1, pad: 'valid' },
  { x: [3, 6, 6, 2], k: [1, 1, 3], stride: [2, 2], dilation: 1, pad: 'valid' },
  { x: [1, 9, 8, 3], k: [2, 3, 4], stride: [2, 1], dilation: 1, pad: 'valid' },
  {
    x: [2, 6, 7, 3],
    k: [3, 3, 2],
    stride: [1, 2],
    dilation: 1,
    pad: [
      [0, 0],
      [2, 1],
      [0, 1],
      [0, 0],
    ],
  },
  { x: [1, 10, 10, 2], k: [5, 5, 3], stride: [1, 1], dilation: 1, pad: 'same' },
];

const DILATED_CASES: readonly ConvCase[] = [
  { x: [2, 9, 9, 3], k: [3, 3, 4], stride: [1, 1], dilation: 2, pad: 'same' },
  { x: [1, 11, 10, 2], k: [3, 2, 3], stride: [1, 1], dilation: 3, pad: 'valid' },
];

/**
 * Runs the suite on tfjs's cpu backend between `setup` and `teardown` (e.g. registering the native
 * kernels, or nothing for the JS kernels).
 */
export function describeConvConformance(label: string, setup: () => void, teardown: () => void): void {
  describe(`tf cpu kernel conformance: ${label}`, () => {
    let previous = '';
    beforeAll(async () => {
      previous = tf.getBackend();
      await tf.setBackend('cpu');
      setup();
    });
    afterAll(async () => {
      teardown();
      if (previous) await tf.setBackend(previous);
    });

    for (const depthwise of [false, true]) {
      const kind = depthwise ? 'depthwiseConv2d' : 'conv2d';
      for (const [ci, c] of [...CONV_CASES, ...DILATED_CASES].entries()) {
        // tfjs's depthwiseConv2d gradient takes only 'same'/'valid'.
        if (depthwise && typeof c.pad !== 'string') continue;
        const dilated = c.dilation > 1;
        const name = `${kind} x=${c.x.join('x')} k=${c.k.join('x')} s=${c.stride.join(',')} d=${c.dilation} pad=${
          typeof c.pad === 'string' ? c.pad : 'explicit'
        }`;
        // tfjs only differentiates undilated depthwise convs with equal strides; test what it supports.
        const gradients = !dilated && (!depthwise || c.stride[0] === c.stride[1]);
        it(`${name}: forward matches float64${gradients ? ', gradients match finite differences' : ''}`, () => {
          const rand = seededRandom(1009 * ci + (depthwise ? 7 : 3));
          const [kh, kw, kc] = c.k;
          const cin = c.x[3];
          const x = randomArray(
            c.x.reduce((a, b) => a * b, 1),
            rand,
          );
          const f = randomArray(kh * kw * cin * kc, rand);
          const ref = referenceConv(c, x, f, depthwise);
          const r = randomArray(ref.y.length, rand);
          const run = (xt: tf.Tensor4D, ft: tf.Tensor4D): tf.Tensor4D =>
            depthwise
              ? tf.depthwiseConv2d(xt, ft, c.stride, c.pad as 'same' | 'valid', 'NHWC', c.dilation)
              : tf.conv2d(xt, ft, c.stride, c.pad, 'NHWC', c.dilation);
          const before = tf.memory().numTensors;
          tf.tidy(() => {
            const xt = tf.tensor4d(Float32Array.from(x), c.x);
            const ft = tf.tensor4d(Float32Array.from(f), [kh, kw, cin, kc]);
            const y = run(xt, ft);
            expect(y.shape).toEqual(ref.shape);
            expect(maxRelError(y.dataSync(), ref.y)).toBeLessThan(1e-5);
            if (!gradients) return;
            const rt = tf.tensor(Float32Array.from(r), ref.shape);
            const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
              tf.sum(tf.mul(run(a as tf.Tensor4D, b as tf.Tensor4D), rt)),
            )([xt, ft]);
            const loss = (): number => dot(r, referenceConv(c, x, f, depthwise).y);
            expect(maxRelError(dx!.dataSync(), finiteDifference(x, loss))).toBeLessThan(1e-4);
            expect(maxRelError(df!.dataSync(), finiteDifference(f, loss))).toBeLessThan(1e-4);
          });
          expect(tf.memory().numTensors).toBe(before);
        });
      }
    }

    // grad: tfjs's matMul gradient does not reduce broadcast batches, and finite differences of a
    // large product are slow, so those cases check the forward result only.
    const matmulCases: Array<{ a: number[]; b: number[]; ta: boolean; tb: boolean; grad: boolean }> = [
      { a: [3, 5], b: [5, 4], ta: false, tb: false, grad: true },
      { a: [5, 3], b: [5, 4], ta: true, tb: false, grad: true },
      { a: [3, 5], b: [4, 5], ta: false, tb: true, grad: true },
      { a: [2, 5, 3], b: [2, 4, 5], ta: true, tb: true, grad: true },
      { a: [4, 7, 9], b: [1, 9, 6], ta: false, tb: false, grad: false },
      { a: [1, 2, 3], b: [2, 2, 3, 5], ta: false, tb: false, grad: false },
      { a: [67, 130], b: [130, 33], ta: false, tb: false, grad: false },
    ];
    for (const [mi, c] of matmulCases.entries()) {
      it(`matMul ${c.a.join('x')} · ${c.b.join('x')} ta=${c.ta} tb=${c.tb} matches float64${c.grad ? ', with its gradient' : ''}`, () => {
        const rand = seededRandom(77 + mi);
        const sa = c.a.reduce((p, q) => p * q, 1);
        const sb = c.b.reduce((p, q) => p * q, 1);
        const a = randomArray(sa, rand);
        const b = randomArray(sb, rand);
        const ra = c.a.length;
        const rb = c.b.length;
        const m = c.ta ? c.a[ra - 1]! : c.a[ra - 2]!;
        const k = c.ta ? c.a[ra - 2]! : c.a[ra - 1]!;
        const n = c.tb ? c.b[rb - 2]! : c.b[rb - 1]!;
        const batchA = sa / (m * k);
        const batchB = sb / (k * n);
        const batch = Math.max(batchA, batchB);
        const reference = (): Float64Array => {
          const out = new Float64Array(batch * m * n);
          for (let q = 0; q < batch; q++) {
            const oa = (q % batchA) * m * k;
            const ob = (q % batchB) * k * n;
            for (let i = 0; i < m; i++)
              for (let j = 0; j < n; j++) {
                let s = 0;
                for (let p = 0; p < k; p++) {
                  const av = a[oa + (c.ta ? p * m + i : i * k + p)]!;
                  const bv = b[ob + (c.tb ? j * k + p : p * n + j)]!;
                  s += av * bv;
                }
                out[q * m * n + i * n + j] = s;
              }
          }
          return out;
        };
        const ref = reference();
        const r = randomArray(ref.length, rand);
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const at = tf.tensor(Float32Array.from(a), c.a);
          const bt = tf.tensor(Float32Array.from(b), c.b);
          const y = tf.matMul(at, bt, c.ta, c.tb);
          expect(y.size).toBe(ref.length);
          expect(maxRelError(y.dataSync(), ref)).toBeLessThan(1e-5);
          if (!c.grad) return;
          const rt = tf.tensor(Float32Array.from(r), y.shape);
          const [da] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(tf.matMul(p, q, c.ta, c.tb), rt)))([
            at,
            bt,
          ]);
          expect(
            maxRelError(
              da!.dataSync(),
              finiteDifference(a, () => dot(r, reference())),
            ),
          ).toBeLessThan(1e-4);
        });
        expect(tf.memory().numTensors).toBe(before);
      });
    }

    for (const [name, op, f] of [
      ['add', tf.add, (x: number, y: number) => x + y],
      ['sub', tf.sub, (x: number, y: number) => x - y],
      ['mul', tf.mul, (x: number, y: number) => x * y],
    ] as const) {
      it(`${name} matches float64 for equal shapes, scalars on either side and broadcasts`, () => {
        const rand = seededRandom(name.length * 31);
        const shapes: Array<[number[], number[]]> = [
          [
            [4, 5, 3],
            [4, 5, 3],
          ],
          [[4, 5, 3], []],
          [[], [2, 7]],
          [[1], [6]],
          [[4, 5, 3], [3]],
          [
            [2, 1, 3],
            [2, 4, 1],
          ],
        ];
        const before = tf.memory().numTensors;
        for (const [sa, sb] of shapes) {
          const na = sa.reduce((p, q) => p * q, 1);
          const nb = sb.reduce((p, q) => p * q, 1);
          const a = randomArray(na, rand);
          const b = randomArray(nb, rand);
          const rank = Math.max(sa.length, sb.length);
          const pa = [...Array<number>(rank - sa.length).fill(1), ...sa];
          const pb = [...Array<number>(rank - sb.length).fill(1), ...sb];
          const shape = pa.map((d, i) => Math.max(d, pb[i]!));
          const ref = new Float64Array(shape.reduce((p, q) => p * q, 1));
          for (let i = 0; i < ref.length; i++) {
            // Row-major multi-index of i, mapped into each (broadcast) operand.
            let rest = i;
            let ia = 0;
            let ib = 0;
            let sA = 1;
            let sB = 1;
            for (let d = rank - 1; d >= 0; d--) {
              const idx = rest % shape[d]!;
              rest = Math.floor(rest / shape[d]!);
              if (pa[d] !== 1) ia += idx * sA;
              if (pb[d] !== 1) ib += idx * sB;
              sA *= pa[d]!;
              sB *= pb[d]!;
            }
            ref[i] = f(Math.fround(a[ia]!), Math.fround(b[ib]!));
          }
          tf.tidy(() => {
            const y = op(tf.tensor(Float32Array.from(a), sa), tf.tensor(Float32Array.from(b), sb));
            expect(y.shape).toEqual(shape);
            expect(maxRelError(y.dataSync(), ref)).toBeLessThan(1e-6);
          });
        }
        expect(tf.memory().numTensors).toBe(before);
      });
    }

    it('unsortedSegmentSum matches float64 (ids out of range are dropped, as in TensorFlow)', () => {
      const rand = seededRandom(5);
      const rows = 37;
      const inner = 6;
      const segments = 5;
      const x = randomArray(rows * inner, rand);
      const ids = Int32Array.from({ length: rows }, (_, i) => (i % 9 === 8 ? -1 : Math.floor(rand() * segments)));
      const ref = new Float64Array(segments * inner);
      for (let i = 0; i < rows; i++) {
        if (ids[i]! < 0) continue;
        for (let j = 0; j < inner; j++) ref[ids[i]! * inner + j] = ref[ids[i]! * inner + j]! + x[i * inner + j]!;
      }
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const y = tf.unsortedSegmentSum(
          tf.tensor2d(Float32Array.from(x), [rows, inner]),
          tf.tensor1d(ids, 'int32'),
          segments,
        );
        expect(y.shape).toEqual([segments, inner]);
        expect(maxRelError(y.dataSync(), ref)).toBeLessThan(1e-5);
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}
