// Public graph-convolution ops: validate on the JS thread (`Expected <what> for <param> ...`), then
// dispatch to the native or JS kernels (tfjs's op/kernel split). See graph-conv-kernels.ts for shapes.
import { NativeInputError } from '../errors.js';
import { checkDim, checkFloat32, checkInt32 } from '../ops/validate.js';
import { getGraphConvKernels } from './get-graph-conv-kernels.js';
import type {
  GraphConvBackwardArgs,
  GraphConvForwardArgs,
  GraphConvKernels,
  GraphEncoderBackwardArgs,
  GraphEncoderDims,
  GraphEncoderForwardArgs,
} from './graph-conv-kernels.js';

// Index arrays that passed the O(n + edges) checks, with the bound they passed for. A training loop
// hands the same batch to forward and backward (and again every epoch); the C++ side re-checks ranges
// anyway, so a cached pass only skips the JS-side scan that produces the friendly message.
const scanned = new WeakMap<Int32Array, string>();

function scannedBefore(arr: Int32Array, tag: string): boolean {
  return scanned.get(arr) === tag;
}

function checkCsr(fn: string, name: string, ptr: Int32Array, idx: Int32Array, n: number): void {
  checkInt32(fn, `${name}Ptr`, ptr, n + 1);
  const tag = `csr:${n}:${ptr[n]}`;
  if (ptr.length === n + 1 && scannedBefore(ptr, tag) && scannedBefore(idx, tag)) return;
  if (ptr.length !== n + 1 || ptr[0] !== 0) {
    throw new NativeInputError(
      `native.${fn}: Expected ${name}Ptr of length n + 1 = ${n + 1} starting at 0 but received length ${ptr.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (ptr[i + 1]! < ptr[i]!) {
      throw new NativeInputError(`native.${fn}: Expected a non-decreasing ${name}Ptr but it decreases at row ${i}`);
    }
  }
  const nnz = ptr[n]!;
  checkInt32(fn, `${name}Idx`, idx, nnz);
  for (let e = 0; e < nnz; e++) {
    const j = idx[e]!;
    if (j < 0 || j >= n) {
      throw new NativeInputError(`native.${fn}: Expected ${name}Idx entries in [0, ${n}) but entry ${e} is ${j}`);
    }
  }
  scanned.set(ptr, tag);
  scanned.set(idx, tag);
}

function checkLayerDims(fn: string, a: { n: number; fin: number; fout: number }): void {
  checkDim(fn, 'n', a.n);
  checkDim(fn, 'fin', a.fin);
  checkDim(fn, 'fout', a.fout);
}

/** y = tanh([x | Σ_{j→i} x_j] [W1; W2] + b) for one layer; writes args.y. */
export function graphConvForward(args: GraphConvForwardArgs, kernels: GraphConvKernels = getGraphConvKernels()): void {
  const fn = 'graphConvForward';
  checkLayerDims(fn, args);
  checkCsr(fn, 'pred', args.predPtr, args.predIdx, args.n);
  checkFloat32(fn, 'x', args.x, args.n * args.fin);
  checkFloat32(fn, 'params', args.params, (2 * args.fin + 1) * args.fout);
  checkFloat32(fn, 'y', args.y, args.n * args.fout);
  kernels.graphConvForward(args);
}

/** Gradients of one layer: overwrites args.dx (unless null) and args.dparams. */
export function graphConvBackward(
  args: GraphConvBackwardArgs,
  kernels: GraphConvKernels = getGraphConvKernels(),
): void {
  const fn = 'graphConvBackward';
  checkLayerDims(fn, args);
  checkCsr(fn, 'pred', args.predPtr, args.predIdx, args.n);
  checkCsr(fn, 'succ', args.succPtr, args.succIdx, args.n);
  checkEdgeCounts(fn, args.predPtr, args.succPtr, args.n);
  checkFloat32(fn, 'x', args.x, args.n * args.fin);
  checkFloat32(fn, 'params', args.params, (2 * args.fin + 1) * args.fout);
  checkFloat32(fn, 'y', args.y, args.n * args.fout);
  checkFloat32(fn, 'dy', args.dy, args.n * args.fout);
  if (args.dx !== null) checkFloat32(fn, 'dx', args.dx, args.n * args.fin);
  checkFloat32(fn, 'dparams', args.dparams, (2 * args.fin + 1) * args.fout);
  kernels.graphConvBackward(args);
}

function checkEdgeCounts(fn: string, predPtr: Int32Array, succPtr: Int32Array, n: number): void {
  if (predPtr[n] !== succPtr[n]) {
    throw new NativeInputError(
      `native.${fn}: Expected predecessor and successor CSRs of the same graph but they hold ${predPtr[n]} and ${succPtr[n]} edges`,
    );
  }
}

function checkEncoderCommon(
  fn: string,
  a: GraphEncoderDims & {
    graphOffsets: Int32Array;
    embedIdx: Int32Array;
    shape: Float32Array;
    convs: Float32Array;
    masks: Float32Array | null;
    acts: Float32Array;
  },
): void {
  for (const key of ['n', 'graphs', 'width', 'layers', 'embedRows', 'embedCols', 'shapeDim'] as const) {
    checkDim(fn, key, a[key]);
  }
  checkInt32(fn, 'graphOffsets', a.graphOffsets, a.graphs + 1);
  if (a.graphOffsets.length !== a.graphs + 1 || a.graphOffsets[0] !== 0 || a.graphOffsets[a.graphs] !== a.n) {
    throw new NativeInputError(
      `native.${fn}: Expected graphOffsets of length graphs + 1 running from 0 to n = ${a.n} but received length ${a.graphOffsets.length}`,
    );
  }
  for (let g = 0; g < a.graphs; g++) {
    if (a.graphOffsets[g + 1]! < a.graphOffsets[g]!) {
      throw new NativeInputError(`native.${fn}: Expected non-decreasing graphOffsets but they decrease at graph ${g}`);
    }
  }
  checkInt32(fn, 'embedIdx', a.embedIdx, a.n * a.embedCols);
  const tag = `embed:${a.n * a.embedCols}:${a.embedRows}`;
  if (!scannedBefore(a.embedIdx, tag)) {
    for (let i = 0; i < a.n * a.embedCols; i++) {
      if (a.embedIdx[i]! >= a.embedRows) {
        throw new NativeInputError(
          `native.${fn}: Expected embedIdx entries below embedRows = ${a.embedRows} (or negative for none) but entry ${i} is ${a.embedIdx[i]}`,
        );
      }
    }
    scanned.set(a.embedIdx, tag);
  }
  checkFloat32(fn, 'shape', a.shape, a.n * a.shapeDim);
  checkFloat32(fn, 'convs', a.convs, a.layers * (2 * a.width + 1) * a.width);
  if (a.masks !== null) checkFloat32(fn, 'masks', a.masks, a.layers * a.n * a.width);
  checkFloat32(fn, 'acts', a.acts, (a.layers + 1) * a.n * a.width);
}

/** The fused encoder forward (embedding, layers, mean pool); writes args.acts and args.pooled. */
export function graphEncoderForward(
  args: GraphEncoderForwardArgs,
  kernels: GraphConvKernels = getGraphConvKernels(),
): void {
  const fn = 'graphEncoderForward';
  checkEncoderCommon(fn, args);
  checkCsr(fn, 'pred', args.predPtr, args.predIdx, args.n);
  checkFloat32(fn, 'table', args.table, args.embedRows * args.width);
  checkFloat32(fn, 'proj', args.proj, (args.shapeDim + 1) * args.width);
  checkFloat32(fn, 'pooled', args.pooled, args.graphs * args.width);
  kernels.graphEncoderForward(args);
}

/** The fused encoder backward; overwrites args.dTable, args.dProj and args.dConvs. */
export function graphEncoderBackward(
  args: GraphEncoderBackwardArgs,
  kernels: GraphConvKernels = getGraphConvKernels(),
): void {
  const fn = 'graphEncoderBackward';
  checkEncoderCommon(fn, args);
  checkCsr(fn, 'pred', args.predPtr, args.predIdx, args.n);
  checkCsr(fn, 'succ', args.succPtr, args.succIdx, args.n);
  checkEdgeCounts(fn, args.predPtr, args.succPtr, args.n);
  checkFloat32(fn, 'dPooled', args.dPooled, args.graphs * args.width);
  checkFloat32(fn, 'dTable', args.dTable, args.embedRows * args.width);
  checkFloat32(fn, 'dProj', args.dProj, (args.shapeDim + 1) * args.width);
  checkFloat32(fn, 'dConvs', args.dConvs, args.layers * (2 * args.width + 1) * args.width);
  kernels.graphEncoderBackward(args);
}
