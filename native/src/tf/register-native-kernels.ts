// Puts the C++ convolution / matmul kernels into tfjs's kernel registry for the `cpu` backend
// (tfjs-core kernel_registry: registerKernel / unregisterKernel / getKernel). The cpu backend's own
// JS kernels stay as the twin: they handle what the native path does not (NCHW, int dtypes) and are
// restored by unregisterNativeTfKernels().
import * as tf from '@tensorflow/tfjs';

import type { NativeBinding } from '../binding-types.js';
import { requireBinding } from '../load-binding.js';
import { takeFloat32 } from './float32-recycling.js';

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

type Shape4 = [number, number, number, number];

/** The attributes the six convolution kernels share (each kernel's attrs type is a subset). */
interface ConvAttrs {
  readonly strides: [number, number] | number;
  readonly pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly dilations?: [number, number] | number;
  readonly dataFormat?: 'NHWC' | 'NCHW';
  readonly inputShape?: Shape4;
  readonly filterShape?: Shape4;
}

type ConvBindingFn = (geometry: Int32Array, first: Float32Array, second: Float32Array, out: Float32Array) => void;

/**
 * What distinguishes the convolution kernels: which two inputs go to C++ (in order), where the input
 * and filter shapes come from (tensors or attrs), whether dilation applies (the conv2d backprops
 * take none in tfjs), and which shape of the conv info the result has.
 */
interface ConvVariant {
  readonly inputs: readonly [string, string];
  readonly depthwise: boolean;
  readonly dilated: boolean;
  readonly shapes: (inputs: Record<string, TensorInfo>, attrs: ConvAttrs) => [Shape4, Shape4];
  readonly result: 'outShape' | 'inShape' | 'filterShape';
  readonly fn: (binding: NativeBinding) => ConvBindingFn;
}

const fromTensors = (i: Record<string, TensorInfo>): [Shape4, Shape4] => [
  i.x!.shape as Shape4,
  i.filter!.shape as Shape4,
];
const inputFromAttrs = (i: Record<string, TensorInfo>, a: ConvAttrs): [Shape4, Shape4] => [
  a.inputShape!,
  i.filter!.shape as Shape4,
];
const filterFromAttrs = (i: Record<string, TensorInfo>, a: ConvAttrs): [Shape4, Shape4] => [
  i.x!.shape as Shape4,
  a.filterShape!,
];

const CONV_VARIANTS: Record<
  | 'Conv2D'
  | 'Conv2DBackpropInput'
  | 'Conv2DBackpropFilter'
  | 'DepthwiseConv2dNative'
  | 'DepthwiseConv2dNativeBackpropInput'
  | 'DepthwiseConv2dNativeBackpropFilter',
  ConvVariant
> = {
  Conv2D: {
    inputs: ['x', 'filter'],
    depthwise: false,
    dilated: true,
    shapes: fromTensors,
    result: 'outShape',
    fn: (b) => b.conv2d,
  },
  Conv2DBackpropInput: {
    inputs: ['dy', 'filter'],
    depthwise: false,
    dilated: false,
    shapes: inputFromAttrs,
    result: 'inShape',
    fn: (b) => b.conv2dBackpropInput,
  },
  Conv2DBackpropFilter: {
    inputs: ['x', 'dy'],
    depthwise: false,
    dilated: false,
    shapes: filterFromAttrs,
    result: 'filterShape',
    fn: (b) => b.conv2dBackpropFilter,
  },
  DepthwiseConv2dNative: {
    inputs: ['x', 'filter'],
    depthwise: true,
    dilated: true,
    shapes: fromTensors,
    result: 'outShape',
    fn: (b) => b.depthwiseConv2d,
  },
  DepthwiseConv2dNativeBackpropInput: {
    inputs: ['dy', 'filter'],
    depthwise: true,
    dilated: true,
    shapes: inputFromAttrs,
    result: 'inShape',
    fn: (b) => b.depthwiseConv2dBackpropInput,
  },
  DepthwiseConv2dNativeBackpropFilter: {
    inputs: ['x', 'dy'],
    depthwise: true,
    dilated: true,
    shapes: filterFromAttrs,
    result: 'filterShape',
    fn: (b) => b.depthwiseConv2dBackpropFilter,
  },
};

/** One convolution kernel: NHWC float32 through C++, anything else (NCHW, other dtypes) back to tfjs. */
function convKernel(binding: NativeBinding, v: ConvVariant): (args: KernelArgs) => TensorInfo | null {
  const run = v.fn(binding).bind(binding);
  return ({ inputs, backend, attrs }) => {
    const b = backend as unknown as CpuBackendLike;
    const ins = inputs as unknown as Record<string, TensorInfo>;
    const a = attrs as unknown as ConvAttrs;
    const first = f32(b, ins[v.inputs[0]]!);
    const second = f32(b, ins[v.inputs[1]]!);
    if (!first || !second || a.dataFormat === 'NCHW') return null;
    const [xShape, filterShape] = v.shapes(ins, a);
    const info = tf.backend_util.computeConv2DInfo(
      xShape,
      filterShape,
      a.strides,
      v.dilated ? dilations(a.dilations) : 1,
      a.pad,
      a.dimRoundingMode,
      v.depthwise,
      'channelsLast',
    );
    const shape = info[v.result];
    // Every native kernel writes all of its output, so a recycled array needs no clearing.
    const out = takeFloat32(size(shape));
    run(geometry(info), first, second, out);
    return b.makeTensorInfo(shape, 'float32', out);
  };
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
        const out = takeFloat32(size(shape));
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
        const out = takeFloat32(batch * m * n);
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
    case 'Conv2DBackpropInput':
    case 'Conv2DBackpropFilter':
    case 'DepthwiseConv2dNative':
    case 'DepthwiseConv2dNativeBackpropInput':
    case 'DepthwiseConv2dNativeBackpropFilter':
      return convKernel(binding, CONV_VARIANTS[name]);
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
        const out = takeFloat32(numSegments * inner);
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
