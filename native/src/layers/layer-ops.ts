// Public layer ops: validate on the JS thread (`Expected <what> for <param> ...`), then dispatch to the
// native or JS kernels (tfjs's op/kernel split). See layer-kernels.ts for the contract.
import { NativeInputError } from '../errors.js';
import { checkDim, checkFinite, checkFloat32 } from '../ops/validate.js';
import { getLayerKernels } from './get-layer-kernels.js';
import type {
  AvgPoolBackwardArgs,
  AvgPoolForwardArgs,
  BatchNormTrainBackwardArgs,
  BatchNormTrainForwardArgs,
  LayerKernels,
  PoolGeometry,
} from './layer-kernels.js';

function checkPositive(fn: string, param: string, value: number): void {
  checkDim(fn, param, value);
  if (value === 0) throw new NativeInputError(`native.${fn}: Expected a positive integer for ${param} but received 0`);
}

function checkFloat64(fn: string, param: string, value: unknown, minLength: number): void {
  if (!(value instanceof Float64Array) || value.length < minLength) {
    throw new NativeInputError(
      `native.${fn}: Expected a Float64Array of at least ${minLength} elements for ${param} but received ${
        value instanceof Float64Array ? `Float64Array(${value.length})` : String(value)
      }`,
    );
  }
}

function checkBatchNorm(fn: string, rows: number, channels: number): number {
  checkPositive(fn, 'rows', rows);
  checkPositive(fn, 'channels', channels);
  return rows * channels;
}

/** BatchNorm forward in training mode (γ = 1, β = 0): writes args.y = x̂ and args.invStd. */
export function batchNormTrainForward(
  args: BatchNormTrainForwardArgs,
  kernels: LayerKernels = getLayerKernels(),
): void {
  const fn = 'batchNormTrainForward';
  const size = checkBatchNorm(fn, args.rows, args.channels);
  checkFinite(fn, 'epsilon', args.epsilon);
  if (args.epsilon < 0) {
    throw new NativeInputError(`native.${fn}: Expected a non-negative epsilon but received ${args.epsilon}`);
  }
  checkFloat32(fn, 'x', args.x, size);
  checkFloat32(fn, 'y', args.y, size);
  checkFloat64(fn, 'invStd', args.invStd, args.channels);
  kernels.batchNormTrainForward(args);
}

/** BatchNorm backward in training mode: writes args.dx from dy, the forward output x̂ and invStd. */
export function batchNormTrainBackward(
  args: BatchNormTrainBackwardArgs,
  kernels: LayerKernels = getLayerKernels(),
): void {
  const fn = 'batchNormTrainBackward';
  const size = checkBatchNorm(fn, args.rows, args.channels);
  checkFloat32(fn, 'y', args.y, size);
  checkFloat64(fn, 'invStd', args.invStd, args.channels);
  checkFloat32(fn, 'dy', args.dy, size);
  checkFloat32(fn, 'dx', args.dx, size);
  kernels.batchNormTrainBackward(args);
}

function checkSameLength(fn: string, named: Record<string, unknown>, length: number): void {
  for (const [param, value] of Object.entries(named)) {
    checkFloat32(fn, param, value, length);
    if (value.length !== length) {
      throw new NativeInputError(`native.${fn}: Expected ${length} elements for ${param} but received ${value.length}`);
    }
  }
}

/** y = max(x, 0). */
export function reluForward(x: Float32Array, y: Float32Array, kernels: LayerKernels = getLayerKernels()): void {
  checkFloat32('reluForward', 'x', x, 0);
  checkSameLength('reluForward', { y }, x.length);
  kernels.reluForward(x, y);
}

/** dx = dy · [y > 0], y the forward output. */
export function reluBackward(
  y: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  kernels: LayerKernels = getLayerKernels(),
): void {
  checkFloat32('reluBackward', 'y', y, 0);
  checkSameLength('reluBackward', { dy, dx }, y.length);
  kernels.reluBackward(y, dy, dx);
}

/**
 * The pooling geometry for an NHWC input [n, h, w, c], a kh×kw window, strides and [top, left, bottom,
 * right] zero padding: out = ⌊(size + pads − k) / stride⌋ + 1 per axis.
 */
export function poolGeometry(
  shape: readonly [number, number, number, number],
  kernel: readonly [number, number],
  strides: readonly [number, number],
  pads: readonly [number, number, number, number],
): PoolGeometry {
  const [n, h, w, c] = shape;
  const [kh, kw] = kernel;
  const [strideH, strideW] = strides;
  const [padTop, padLeft, padBottom, padRight] = pads;
  return {
    n,
    h,
    w,
    c,
    kh,
    kw,
    strideH,
    strideW,
    padTop,
    padLeft,
    outH: Math.floor((h + padTop + padBottom - kh) / strideH) + 1,
    outW: Math.floor((w + padLeft + padRight - kw) / strideW) + 1,
  };
}

function checkPool(fn: string, g: PoolGeometry): [number, number] {
  for (const p of ['n', 'h', 'w', 'c', 'kh', 'kw', 'strideH', 'strideW', 'outH', 'outW'] as const) {
    checkPositive(fn, p, g[p]);
  }
  checkDim(fn, 'padTop', g.padTop);
  checkDim(fn, 'padLeft', g.padLeft);
  // Every window must overlap the input, or its mean divides by zero taps.
  if (g.padTop >= g.kh || g.padLeft >= g.kw) {
    throw new NativeInputError(
      `native.${fn}: Expected pads smaller than the window but received padTop=${g.padTop}, padLeft=${g.padLeft} for a ${g.kh}x${g.kw} window`,
    );
  }
  if ((g.outH - 1) * g.strideH - g.padTop >= g.h || (g.outW - 1) * g.strideW - g.padLeft >= g.w) {
    throw new NativeInputError(
      `native.${fn}: Expected every window to overlap the ${g.h}x${g.w} input but outH=${g.outH}, outW=${g.outW} reach past it`,
    );
  }
  return [g.n * g.h * g.w * g.c, g.n * g.outH * g.outW * g.c];
}

/** Average pooling over the in-bounds taps of each window (count_include_pad=False): writes args.y. */
export function avgPoolForward(args: AvgPoolForwardArgs, kernels: LayerKernels = getLayerKernels()): void {
  const fn = 'avgPoolForward';
  const [inSize, outSize] = checkPool(fn, args);
  checkFloat32(fn, 'x', args.x, inSize);
  checkFloat32(fn, 'y', args.y, outSize);
  kernels.avgPoolForward(args);
}

/** The gradient of avgPoolForward: writes args.dx (overwritten) from args.dy. */
export function avgPoolBackward(args: AvgPoolBackwardArgs, kernels: LayerKernels = getLayerKernels()): void {
  const fn = 'avgPoolBackward';
  const [inSize, outSize] = checkPool(fn, args);
  checkFloat32(fn, 'dy', args.dy, outSize);
  checkFloat32(fn, 'dx', args.dx, inSize);
  kernels.avgPoolBackward(args);
}
