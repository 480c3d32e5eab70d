// Public CSR x dense op. With the CSR of predecessors (row = target node, columns = its sources)
// it is the sum aggregation of message passing: Y_i = sum_{j -> i} w_ji X_j.
import { getKernels } from '../kernels/kernel-registry.js';
import type { Kernels } from '../kernels/kernel-types.js';
import { NativeInputError } from '../errors.js';
import { checkDim, checkFloat32, checkInt32 } from './validate.js';

/** A compressed sparse row matrix of shape rows x cols. */
export interface Csr {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly weights?: Float32Array | null;
}

/**
 * CSR whose row `t` lists the sources of every edge `s -> t` (predecessors), sorted by source.
 * `transposed` gives successors instead. Parallel edges are kept (they add up in spmm).
 */
export function csrFromEdges(
  nodes: number,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  options: { transposed?: boolean; weights?: ArrayLike<number> } = {},
): Csr {
  checkDim('csrFromEdges', 'nodes', nodes);
  if (sources.length !== targets.length) {
    throw new NativeInputError(
      `native.csrFromEdges: Expected sources and targets of equal length but received ${sources.length} and ${targets.length}`,
    );
  }
  const rowOf = options.transposed ? sources : targets;
  const colOf = options.transposed ? targets : sources;
  const edges = sources.length;
  const rowPtr = new Int32Array(nodes + 1);
  for (let e = 0; e < edges; e++) {
    const r = rowOf[e]!;
    const c = colOf[e]!;
    if (!Number.isInteger(r) || r < 0 || r >= nodes || !Number.isInteger(c) || c < 0 || c >= nodes) {
      throw new NativeInputError(
        `native.csrFromEdges: Expected node ids in [0, ${nodes}) but edge ${e} is ${sources[e]} -> ${targets[e]}`,
      );
    }
    rowPtr[r + 1]!++;
  }
  for (let i = 0; i < nodes; i++) rowPtr[i + 1]! += rowPtr[i]!;
  const fill = rowPtr.slice(0, nodes);
  const colIdx = new Int32Array(edges);
  const weights = options.weights ? new Float32Array(edges) : null;
  // Counting sort by row, then sort each row by column for a canonical layout.
  const order = Array.from({ length: edges }, (_, e) => e).sort((x, y) => colOf[x]! - colOf[y]!);
  for (const e of order) {
    const slot = fill[rowOf[e]!]!++;
    colIdx[slot] = colOf[e]!;
    if (weights) weights[slot] = options.weights![e]!;
  }
  return { rows: nodes, cols: nodes, rowPtr, colIdx, weights };
}

/** Y = A X for CSR A (rows x cols) and dense X (cols x features); returns Y (rows x features). */
export function spmm(
  a: Csr,
  x: Float32Array,
  features: number,
  options: { out?: Float32Array; accumulate?: boolean } = {},
  kernels: Kernels = getKernels(),
): Float32Array {
  checkDim('spmm', 'rows', a.rows);
  checkDim('spmm', 'cols', a.cols);
  checkDim('spmm', 'features', features);
  checkInt32('spmm', 'rowPtr', a.rowPtr, a.rows + 1);
  if (a.rowPtr.length !== a.rows + 1 || a.rowPtr[0] !== 0) {
    throw new NativeInputError(
      `native.spmm: Expected rowPtr of length rows + 1 = ${a.rows + 1} starting at 0 but received length ${a.rowPtr.length}`,
    );
  }
  for (let i = 0; i < a.rows; i++) {
    if (a.rowPtr[i + 1]! < a.rowPtr[i]!) {
      throw new NativeInputError(`native.spmm: Expected a non-decreasing rowPtr but it decreases at row ${i}`);
    }
  }
  const nnz = a.rowPtr[a.rows]!;
  checkInt32('spmm', 'colIdx', a.colIdx, nnz);
  for (let e = 0; e < nnz; e++) {
    const c = a.colIdx[e]!;
    if (c < 0 || c >= a.cols) {
      throw new NativeInputError(`native.spmm: Expected column indices in [0, ${a.cols}) but entry ${e} is ${c}`);
    }
  }
  if (a.weights) checkFloat32('spmm', 'weights', a.weights, nnz);
  checkFloat32('spmm', 'x', x, a.cols * features);
  const y = options.out ?? new Float32Array(a.rows * features);
  checkFloat32('spmm', 'out', y, a.rows * features);
  kernels.spmm({
    rows: a.rows,
    rowPtr: a.rowPtr,
    colIdx: a.colIdx,
    weights: a.weights ?? null,
    x,
    xRows: a.cols,
    features,
    y,
    accumulate: options.accumulate ?? false,
  });
  return y;
}
