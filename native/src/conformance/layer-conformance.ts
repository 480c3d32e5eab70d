// One conformance suite for the layer kernels (training-mode BatchNorm, ReLU, count_include_pad=False
// average pooling), run against the JS twin and the C++ engine: outputs against float64 references written
// from the definitions, gradients against float64 central finite differences of those references, and — for
// the native kernels — agreement with the JS twin and bit-identical results on 1 and 2 threads.
import { describe, expect, it } from 'vitest';

import { NativeInputError } from '../errors.js';
import type { LayerKernels, PoolGeometry } from '../layers/layer-kernels.js';
import {
  avgPoolBackward,
  avgPoolForward,
  batchNormTrainBackward,
  batchNormTrainForward,
  poolGeometry,
  reluBackward,
  reluForward,
} from '../layers/layer-ops.js';
import { dot, finiteDifferences, maxScaledError, randomMatrix, seededRandom } from './reference.js';

const EPSILON = 1e-5;

/** Float64 mean and biased variance of channel j, in two passes (mean, then the mean of (x − mean)²). */
function channelMoments(x: ArrayLike<number>, rows: number, c: number, j: number): { mean: number; variance: number } {
  let mean = 0;
  for (let r = 0; r < rows; r++) mean += x[r * c + j]!;
  mean /= rows;
  let variance = 0;
  for (let r = 0; r < rows; r++) variance += (x[r * c + j]! - mean) ** 2;
  return { mean, variance: variance / rows };
}

/** Float64 BatchNorm from the definition. */
function referenceBatchNorm(x: ArrayLike<number>, rows: number, c: number): Float64Array {
  const y = new Float64Array(rows * c);
  for (let j = 0; j < c; j++) {
    const { mean, variance } = channelMoments(x, rows, c, j);
    for (let r = 0; r < rows; r++) y[r * c + j] = (x[r * c + j]! - mean) / Math.sqrt(variance + EPSILON);
  }
  return y;
}

/**
 * Float64 average pooling by enumeration of each window's taps, counting the in-bounds ones, from the
 * [top, left, bottom, right] padding (output size from PyTorch's formula, written out here again).
 */
function referenceAvgPool(
  x: ArrayLike<number>,
  shape: readonly [number, number, number, number],
  k: readonly [number, number],
  s: readonly [number, number],
  pads: readonly [number, number, number, number],
): { y: Float64Array; outH: number; outW: number } {
  const [n, h, w, c] = shape;
  const outH = Math.floor((h + pads[0] + pads[2] - k[0]) / s[0]) + 1;
  const outW = Math.floor((w + pads[1] + pads[3] - k[1]) / s[1]) + 1;
  const y = new Float64Array(n * outH * outW * c);
  for (let b = 0; b < n; b++)
    for (let oh = 0; oh < outH; oh++)
      for (let ow = 0; ow < outW; ow++)
        for (let ch = 0; ch < c; ch++) {
          let sum = 0;
          let count = 0;
          for (let i = 0; i < k[0]; i++)
            for (let j = 0; j < k[1]; j++) {
              const ih = oh * s[0] - pads[0] + i;
              const iw = ow * s[1] - pads[1] + j;
              if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
              sum += x[((b * h + ih) * w + iw) * c + ch]!;
              count++;
            }
          y[((b * outH + oh) * outW + ow) * c + ch] = sum / count;
        }
  return { y, outH, outW };
}

function runBatchNorm(
  kernels: LayerKernels,
  x: Float32Array,
  rows: number,
  c: number,
  dy: Float32Array,
): { y: Float32Array; invStd: Float64Array; dx: Float32Array } {
  const y = new Float32Array(rows * c);
  const invStd = new Float64Array(c);
  batchNormTrainForward({ rows, channels: c, epsilon: EPSILON, x, y, invStd }, kernels);
  const dx = new Float32Array(rows * c);
  batchNormTrainBackward({ rows, channels: c, y, invStd, dy, dx }, kernels);
  return { y, invStd, dx };
}

function runPool(
  kernels: LayerKernels,
  g: PoolGeometry,
  x: Float32Array,
  dy: Float32Array,
): { y: Float32Array; dx: Float32Array } {
  const y = new Float32Array(g.n * g.outH * g.outW * g.c).fill(Number.NaN); // must be overwritten
  avgPoolForward({ ...g, x, y }, kernels);
  const dx = new Float32Array(x.length).fill(Number.NaN);
  avgPoolBackward({ ...g, dy, dx }, kernels);
  return { y, dx };
}

interface PoolCase {
  readonly x: [number, number, number, number];
  readonly k: [number, number];
  readonly s: [number, number];
  readonly pads: [number, number, number, number];
}

const POOL_CASES: readonly PoolCase[] = [
  { x: [2, 6, 5, 16], k: [3, 3], s: [1, 1], pads: [1, 1, 1, 1] }, // NAS-Bench-201's avg_pool_3x3
  { x: [1, 7, 7, 3], k: [3, 3], s: [2, 2], pads: [1, 1, 1, 1] },
  { x: [2, 8, 6, 5], k: [2, 2], s: [2, 2], pads: [0, 0, 0, 0] },
  { x: [1, 6, 7, 4], k: [3, 2], s: [1, 2], pads: [2, 0, 1, 1] },
  { x: [3, 4, 4, 1], k: [1, 1], s: [1, 1], pads: [0, 0, 0, 0] },
  { x: [1, 5, 5, 7], k: [5, 5], s: [1, 1], pads: [2, 2, 2, 2] },
];

export interface LayerConformanceOptions {
  /** The JS twin, to compare the native kernels against. */
  readonly twin?: () => LayerKernels;
  /** Sets the native thread count (for the thread-independence check). */
  readonly setThreads?: (threads: number) => void;
}

export function describeLayerConformance(
  label: string,
  kernels: () => LayerKernels | null,
  options: LayerConformanceOptions = {},
): void {
  const k = (): LayerKernels => {
    const got = kernels();
    if (!got) throw new Error(`${label} layer kernels are not available`);
    return got;
  };

  describe(`layer kernel conformance: ${label}`, () => {
    it.each([
      [40, 1],
      [9, 3],
      [37, 16],
      [1100, 5],
    ])('batchNormTrain forward matches float64 (rows %i, channels %i)', (rows, c) => {
      const rand = seededRandom(rows * 31 + c);
      const x = randomMatrix(rows, c, rand);
      // Offset channels so the mean matters (E[x²] − mean² must not cancel badly).
      for (let i = 0; i < x.length; i++) x[i]! += 3 * (i % c);
      const { y, invStd } = runBatchNorm(k(), x, rows, c, new Float32Array(rows * c));
      expect(maxScaledError(y, referenceBatchNorm(x, rows, c))).toBeLessThan(1e-4);
      for (let j = 0; j < c; j++) {
        const { variance } = channelMoments(x, rows, c, j);
        expect(invStd[j]! * Math.sqrt(variance + EPSILON)).toBeCloseTo(1, 5);
      }
    });

    it.each([
      [12, 1],
      [7, 5],
      [10, 8],
    ])('batchNormTrain backward matches float64 finite differences (rows %i, channels %i)', (rows, c) => {
      const rand = seededRandom(rows * 7 + c);
      const x = randomMatrix(rows, c, rand);
      const r = randomMatrix(rows, c, rand);
      const { dx } = runBatchNorm(k(), x, rows, c, r);
      const fd = finiteDifferences(x, (v) => dot(r, referenceBatchNorm(v, rows, c)), 1e-4);
      expect(maxScaledError(dx, fd)).toBeLessThan(1e-4);
    });

    it('relu forward and backward match the definition (zeros, signs, a NaN)', () => {
      const rand = seededRandom(11);
      const x = randomMatrix(1, 1001, rand);
      x[3] = 0;
      x[5] = Number.NaN;
      const y = new Float32Array(x.length);
      reluForward(x, y, k());
      const dy = randomMatrix(1, x.length, rand);
      const dx = new Float32Array(x.length);
      reluBackward(y, dy, dx, k());
      for (let i = 0; i < x.length; i++) {
        if (i === 5) {
          expect(y[i]).toBeNaN();
          expect(dx[i]! + 0).toBe(0);
          continue;
        }
        // `+ 0` turns −0 into 0: the sign of a zero does not matter here.
        expect(y[i]! + 0).toBe(x[i]! > 0 ? x[i] : 0);
        // The subgradient at 0 is 0, as in tfjs and PyTorch.
        expect(dx[i]! + 0).toBe(x[i]! > 0 ? dy[i] : 0);
      }
    });

    for (const [ci, c] of POOL_CASES.entries()) {
      const name = `x=${c.x.join('x')} k=${c.k.join('x')} s=${c.s.join(',')} pads=${c.pads.join(',')}`;
      it(`avgPool ${name}: forward matches float64, backward matches finite differences`, () => {
        const rand = seededRandom(101 + ci);
        const g = poolGeometry(c.x, c.k, c.s, c.pads);
        const x = randomMatrix(
          1,
          c.x.reduce((a, b) => a * b, 1),
          rand,
        );
        const ref = referenceAvgPool(x, c.x, c.k, c.s, c.pads);
        expect([g.outH, g.outW]).toEqual([ref.outH, ref.outW]);
        const r = randomMatrix(1, ref.y.length, rand);
        const { y, dx } = runPool(k(), g, x, r);
        expect(maxScaledError(y, ref.y)).toBeLessThan(1e-6);
        const fd = finiteDifferences(x, (v) => dot(r, referenceAvgPool(v, c.x, c.k, c.s, c.pads).y), 1e-3);
        expect(maxScaledError(dx, fd)).toBeLessThan(1e-5);
      });
    }

    it('rejects bad arguments with NativeInputError before any kernel runs', () => {
      const x = new Float32Array(12);
      expect(() =>
        batchNormTrainForward(
          { rows: 4, channels: 3, epsilon: EPSILON, x, y: new Float32Array(11), invStd: new Float64Array(3) },
          k(),
        ),
      ).toThrow(NativeInputError);
      expect(() =>
        batchNormTrainForward(
          { rows: 4, channels: 3, epsilon: EPSILON, x, y: new Float32Array(12), invStd: new Float64Array(2) },
          k(),
        ),
      ).toThrow(NativeInputError);
      expect(() =>
        batchNormTrainBackward(
          { rows: 0, channels: 3, y: x, invStd: new Float64Array(3), dy: x, dx: new Float32Array(12) },
          k(),
        ),
      ).toThrow(NativeInputError);
      expect(() => reluForward(x, new Float32Array(13), k())).toThrow(NativeInputError);
      expect(() => reluBackward(x, x, new Float32Array(11), k())).toThrow(NativeInputError);
      const g = poolGeometry([1, 2, 2, 3], [3, 3], [1, 1], [1, 1, 1, 1]);
      expect(() => avgPoolForward({ ...g, x: new Float32Array(11), y: new Float32Array(12) }, k())).toThrow(
        NativeInputError,
      );
      // A window entirely in the padding would average zero taps.
      const padded = poolGeometry([1, 2, 2, 3], [2, 2], [1, 1], [2, 2, 2, 2]);
      expect(() => avgPoolForward({ ...padded, x, y: new Float32Array(padded.outH * padded.outW * 3) }, k())).toThrow(
        NativeInputError,
      );
    });

    const twin = options.twin;
    if (twin) {
      // Same summation orders, double where the twin computes in double: the same floats, which keeps the
      // zero-cost scores independent of whether the addon loaded (BatchNorm's E[x²] − mean² amplifies any
      // difference in the order).
      it("gives exactly the JS twin's floats (NAS-Bench-201 sizes)", () => {
        const rand = seededRandom(77);
        const shape: [number, number, number, number] = [4, 16, 16, 16];
        const size = shape.reduce((a, b) => a * b, 1);
        const rows = size / 16;
        const x = randomMatrix(rows, 16, rand);
        const dy = randomMatrix(rows, 16, rand);
        const bn = runBatchNorm(k(), x, rows, 16, dy);
        const bnJs = runBatchNorm(twin(), x, rows, 16, dy);
        expect(Array.from(bn.y)).toEqual(Array.from(bnJs.y));
        expect(Array.from(bn.invStd)).toEqual(Array.from(bnJs.invStd));
        expect(Array.from(bn.dx)).toEqual(Array.from(bnJs.dx));
        for (const [kernel, stride, pads] of [
          [3, 1, [1, 1, 1, 1]],
          [3, 2, [1, 1, 1, 1]],
        ] as const) {
          const g = poolGeometry(shape, [kernel, kernel], [stride, stride], pads);
          const pool = runPool(k(), g, x, dy.subarray(0, g.n * g.outH * g.outW * g.c));
          const poolJs = runPool(twin(), g, x, dy.subarray(0, g.n * g.outH * g.outW * g.c));
          expect(Array.from(pool.y)).toEqual(Array.from(poolJs.y));
          expect(Array.from(pool.dx)).toEqual(Array.from(poolJs.dx));
        }
        const y = new Float32Array(size);
        const yJs = new Float32Array(size);
        reluForward(x, y, k());
        reluForward(x, yJs, twin());
        expect(Array.from(y)).toEqual(Array.from(yJs));
      });
    }

    const setThreads = options.setThreads;
    if (setThreads) {
      it('gives bit-identical results on 1 and 2 threads (sizes above the threading threshold)', () => {
        const rand = seededRandom(3);
        const c = 261;
        const shape: [number, number, number, number] = [4, 32, 32, c];
        const rows = 4 * 32 * 32;
        const x = randomMatrix(rows, c, rand);
        const dy = randomMatrix(rows, c, rand);
        const g = poolGeometry(shape, [3, 3], [1, 1], [1, 1, 1, 1]);
        const run = (threads: number): Float32Array[] => {
          setThreads(threads);
          const bn = runBatchNorm(k(), x, rows, c, dy);
          const pool = runPool(k(), g, x, dy);
          return [bn.y, bn.dx, pool.y, pool.dx];
        };
        const one = run(1);
        const two = run(2);
        for (let i = 0; i < one.length; i++) {
          const a = one[i]!;
          const b = two[i]!;
          let differ = 0;
          for (let j = 0; j < a.length; j++) if (!Object.is(a[j], b[j])) differ++;
          expect(differ, `output ${i}`).toBe(0);
        }
      });
    }
  });
}
