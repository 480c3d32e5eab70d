// Puts the C++ convolution / matmul kernels into tfjs's kernel registry for the `cpu` backend
// (tfjs-core kernel_registry: registerKernel / unregisterKernel / getKernel). The cpu backend's own
// JS kernels stay as the twin: they handle what the native path does not (NCHW, int dtypes) and are
// restored by unregisterNativeTfKernels().
import * as tf from '@tensorflow/tfjs';

import type { NativeBinding } from '../binding-types.js';
import { requireBinding } from '../load-binding.js';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type KernelArgs = Parameters<KernelFunc>[0];
type TensorInfo = tf.TensorInfo;
type Conv2DInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

/** The cpu backend's storage, as far as these kernels use it. */
interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): TensorInfo;
}

/** Kernels replaced in the `cpu` backend. */
export const NATIVE_TF_KERNELS = [
  'Add',
  'Sub',
  'Multiply',
  'BatchMatMul',
  'Conv2D',
  'Conv2DBackpropInput',
  'Conv2DBackpropFilter',
  'DepthwiseConv2dNative',
  'DepthwiseConv2dNativeBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'UnsortedSegmentSum',
] as const;

export type NativeTfKernelName = (typeof NATIVE_TF_KERNELS)[number];

const originals = new Map<NativeTfKernelName, tf.KernelConfig>();

/** True while the native kernels are registered for the cpu backend. */
export function nativeTfKernelsRegistered(): boolean {
  return originals.size > 0;
}

function f32(backend: CpuBackendLike, t: TensorInfo): Float32Array | null {
  const v = backend.data.get(t.dataId).values;
  return v instanceof Float32Array ? v : null;
}

function i32(backend: CpuBackendLike, t: TensorInfo): Int32Array | null {
  const v = backend.data.get(t.dataId).values;
  return v instanceof Int32Array ? v : null;
}

function geometry(info: Conv2DInfo): Int32Array {
  return Int32Array.from([
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.filterHeight,
    info.filterWidth,
    info.outChannels,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.left,
    info.outHeight,
    info.outWidth,
  ]);
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function dilations(value: unknown): [number, number] | number {
  if (value === undefined || value === null) return 1;
  return value as [number, number] | number;
}

/** Builds one kernel: the native function, or the original cpu kernel when it returns null. */
function nativeKernel(binding: NativeBinding, name: NativeTfKernelName): (args: KernelArgs) => TensorInfo | null {
  switch (name) {
    case 'Add':
    case 'Sub':
    case 'Multiply': {
      const op = name === 'Add' ? 0 : name === 'Sub' ? 1 : 2;
      // Same shapes, or one side a single element; everything else broadcasts in the JS kernel.
      return ({ inputs, backend }) => {
        const b = backend as unknown as CpuBackendLike;
        const { a, b: bt } = inputs as { a: TensorInfo; b: TensorInfo };
        const av = f32(b, a);
        const bv = f32(b, bt);
        if (!av || !bv) return null;
        const same = a.shape.length === bt.shape.length && a.shape.every((d, i) => d === bt.shape[i]);
        let shape: number[];
        if (same) shape = a.shape;
        else if (bv.length === 1 && bt.shape.length <= a.shape.length) shape = a.shape;
        else if (av.length === 1 && a.shape.length <= bt.shape.length) shape = bt.shape;
        else return null;
        const out = new Float32Array(size(shape));
        binding.elementwise(op, av, bv, out);
        return b.makeTensorInfo(shape, 'float32', out);
      };
    }
    case 'BatchMatMul':
      return ({ inputs, backend, attrs }) => {
        const b = backend as unknown as CpuBackendLike;
        const { a, b: bt } = inputs as { a: TensorInfo; b: TensorInfo };
        const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
        const av = f32(b, a);
        const bv = f32(b, bt);
        if (!av || !bv || a.shape.length < 2 || bt.shape.length < 2) return null;
        const ra = a.shape.length;
        const rb = bt.shape.length;
        const m = transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
        const k = transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
        const k2 = transposeB ? bt.shape[rb - 1]! : bt.shape[rb - 2]!;
        const n = transposeB ? bt.shape[rb - 2]! : bt.shape[rb - 1]!;
        if (k !== k2) return null; // the JS kernel raises tfjs's own shape error
        const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), bt.shape.slice(0, -2));
        const batchA = size(a.shape.slice(0, -2));
        const batchB = size(bt.shape.slice(0, -2));
        const batch = Math.max(batchA, batchB);
        const out = new Float32Array(batch * m * n);
        const lda = transposeA ? m : k;
        const ldb = transposeB ? k : n;
        for (let i = 0; i < batch; i++) {
          const offA = (i % batchA) * m * k;
          const offB = (i % batchB) * k * n;
          binding.gemm(
            transposeA,
            transposeB,
            m,
            n,
            k,
            1,
            av.subarray(offA, offA + m * k),
            lda,
            bv.subarray(offB, offB + k * n),
            ldb,
            0,
            out.subarray(i * m * n, (i + 1) * m * n),
            n,
          );
        }
        return b.makeTensorInfo([...outer, m, n], 'float32', out);
      };
    case 'Conv2D':
      return ({ inputs, backend, attrs }) => {
        const b = backend as unknown as CpuBackendLike;
        const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
        const a = attrs as unknown as tf.Conv2DAttrs;
        const xv = f32(b, x);
        const fv = f32(b, filter);
        if (!xv || !fv || a.dataFormat === 'NCHW') return null;
        const info = tf.backend_util.computeConv2DInfo(
          x.shape as [number, number, number, number],
          filter.shape as [number, number, number, number],
          a.strides,
          dilations(a.dilations),
          a.pad,
          a.dimRoundingMode,
          false,
          'channelsLast',
        );
        const out = new Float32Array(size(info.outShape));
        binding.conv2d(geometry(info), xv, fv, out);
        return b.makeTensorInfo(info.outShape, 'float32', out);
      };
    case 'Conv2DBackpropInput':
      return ({ inputs, backend, attrs }) => {
        const b = backend as unknown as CpuBackendLike;
        const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
        const a = attrs as unknown as tf.Conv2DBackpropInputAttrs;
        const dyv = f32(b, dy);
        const fv = f32(b, filter);
        if (!dyv || !fv || a.dataFormat === 'NCHW') return null;
        const info = tf.backend_util.computeConv2DInfo(
          a.inputShape,
          filter.shape as [number, number, number, number],
          a.strides,
          1,
          a.pad,
          a.dimRoundingMode,
          false,
          'channelsLast',
        );
        const out = new Float32Array(size(info.inShape));
        binding.conv2dBackpropInput(geometry(info), dyv, fv, out);
        return b.makeTensorInfo(info.inShape, 'float32', out);
      };
    case 'Conv2DBackpropFilter':
      return ({ inputs, backend, attrs }) => {
        const b = backend as unknown as CpuBackendLike;
        const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
        const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
        const xv = f32(b, x);
        const dyv = f32(b, dy);
        if (!xv || !dyv || a.dataFormat === 'NCHW') return null;
        const info = tf.backend_util.computeConv2DInfo(
          x.shape as [number, number, number, number],
          a.filterShape,
          a.strides,
          1,
          a.pad,
          a.dimRoundingMode,
          false,
          'channelsLast',
        );
        const out = new Float32Array(size(info.filterShape));
        binding.conv2dBackpropFilter(geometry(info), xv, dyv, out);
        return b.makeTensorInfo(info.filterShape, 'float32', out);
      };
    case 'DepthwiseConv2dNative':
      return ({ inputs, backend, attrs }) => {
        const b = backend as unknown as CpuBackendLike;
        const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
        const a = attrs as unknown as tf.DepthwiseConv2dNativeAttrs;
        const xv = f32(b, x);
        const fv = f32(b, filter);
        if (!xv || !fv) return null;
        const info = tf.backend_util.computeConv2DInfo(
          x.shape as [number, number, number, number],
          filter.shape as [number, number, number, number],
          a.strides,
          dilations(a.dilations),
          a.pad,
          a.dimRoundingMode,
          true,
        );
        const out = new Float32Array(size(info.outShape));
        binding.depthwiseConv2d(geometry(info), xv, fv, out);
        return b.makeTensorInfo(info.outShape, 'float32', out);
      };
    case 'DepthwiseConv2dNativeBackpropInput':
      return ({ inputs, backend, attrs }) => {
        const b = backend as unknown as CpuBackendLike;
        const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
        const a = attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
        const dyv = f32(b, dy);
        const fv = f32(b, filter);
        if (!dyv || !fv) return null;
        const info = tf.backend_util.computeConv2DInfo(
          a.inputShape,
          filter.shape as [number, number, number, number],
          a.strides,
          dilations(a.dilations),
          a.pad,
          a.dimRoundingMode,
          true,
        );
        const out = new Float32Array(size(info.inShape));
        binding.depthwiseConv2dBackpropInput(geometry(info), dyv, fv, out);
        return b.makeTensorInfo(info.inShape, 'float32', out);
      };
    case 'DepthwiseConv2dNativeBackpropFilter':
      return ({ inputs, backend, attrs }) => {
        const b = backend as unknown as CpuBackendLike;
        const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
        const a = attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
        const xv = f32(b, x);
        const dyv = f32(b, dy);
        if (!xv || !dyv) return null;
        const info = tf.backend_util.computeConv2DInfo(
          x.shape as [number, number, number, number],
          a.filterShape,
          a.strides,
          dilations(a.dilations),
          a.pad,
          a.dimRoundingMode,
          true,
        );
        const out = new Float32Array(size(info.filterShape));
        binding.depthwiseConv2dBackpropFilter(geometry(info), xv, dyv, out);
        return b.makeTensorInfo(info.filterShape, 'float32', out);
      };
    case 'UnsortedSegmentSum':
      return ({ inputs, backend, attrs }) => {
        const b = backend as unknown as CpuBackendLike;
        const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
        const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
        const xv = f32(b, x);
        const ids = i32(b, segmentIds);
        if (!xv || !ids) return null;
        const rows = size(segmentIds.shape);
        const innerShape = x.shape.slice(segmentIds.shape.length);
        const inner = size(innerShape);
        const out = new Float32Array(numSegments * inner);
        binding.unsortedSegmentSum(xv, ids, rows, inner, numSegments, out);
        return b.makeTensorInfo([numSegments, ...innerShape], 'float32', out);
      };
    default: {
      const never: never = name;
      throw new Error(`native.registerNativeTfKernels: unknown kernel ${String(never)}`);
    }
  }
}

/**
 * Registers the C++ kernels for tfjs's `cpu` backend (idempotent). Inputs the native path does not
 * cover (NCHW, non-float32) go to the cpu backend's own kernel. Throws NativeUnavailableError
 * when the addon is not loaded and no binding is given.
 */
export function registerNativeTfKernels(binding: NativeBinding = requireBinding()): readonly NativeTfKernelName[] {
  if (originals.size > 0) return NATIVE_TF_KERNELS;
  for (const name of NATIVE_TF_KERNELS) {
    const original = tf.getKernel(name, 'cpu');
    if (!original) continue;
    const native = nativeKernel(binding, name);
    const fallback = original.kernelFunc;
    tf.unregisterKernel(name, 'cpu');
    originals.set(name, original);
    tf.registerKernel({
      kernelName: name,
      backendName: 'cpu',
      kernelFunc: (args) => native(args) ?? fallback(args),
      ...(original.setupFunc ? { setupFunc: original.setupFunc } : {}),
      ...(original.disposeFunc ? { disposeFunc: original.disposeFunc } : {}),
    });
  }
  return NATIVE_TF_KERNELS;
}

/** Restores the cpu backend's JS kernels. */
export function unregisterNativeTfKernels(): void {
  for (const [name, original] of originals) {
    tf.unregisterKernel(name, 'cpu');
    tf.registerKernel(original);
  }
  originals.clear();
}
