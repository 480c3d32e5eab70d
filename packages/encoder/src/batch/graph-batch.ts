// A batch of Computation Graphs as one disjoint graph (PyG's Batch): node features concatenated,
// CSRs of predecessors and successors, node → graph index and graph offsets. Typed arrays only, so
// the batch goes to the native GraphConv kernels without per-node JS objects.
import type { GraphFeatures } from '@cgnas/cg-core';

import { EncoderInputError } from '../errors.js';
import { NODE_VOCABULARY } from './node-vocabulary.js';

/** Shape features per node (GraphFeatures.shape). */
export const SHAPE_FEATURES = 6;

export interface GraphBatch {
  readonly numGraphs: number;
  readonly numNodes: number;
  readonly numEdges: number;
  /** numGraphs + 1: graph g owns nodes [graphOffsets[g], graphOffsets[g+1]). */
  readonly graphOffsets: Int32Array;
  /** numNodes: the graph of each node. */
  readonly nodeGraph: Int32Array;
  /** CSR of predecessors: row i lists the sources of edges j → i. */
  readonly predPtr: Int32Array;
  readonly predIdx: Int32Array;
  /** CSR of successors: row j lists the targets of edges j → i. */
  readonly succPtr: Int32Array;
  readonly succIdx: Int32Array;
  readonly opIndex: Int32Array;
  /** numNodes × 6. */
  readonly shape: Float32Array;
  readonly kernelH: Int32Array;
  readonly kernelW: Int32Array;
  readonly bias: Uint8Array;
  readonly weighted: Uint8Array;
  /** numNodes × NODE_VOCABULARY.cols rows of the embedding table (−1: none). */
  readonly embedIdx: Int32Array;
}

function fail(message: string): never {
  throw new EncoderInputError(`encoder.batchGraphs: ${message}`);
}

/** CSR with row r listing col[e] for every edge with row[e] = r, in edge order (counting sort). */
function csr(n: number, row: Int32Array, col: Int32Array): { ptr: Int32Array; idx: Int32Array } {
  const ptr = new Int32Array(n + 1);
  for (let e = 0; e < row.length; e++) ptr[row[e]! + 1]!++;
  for (let i = 0; i < n; i++) ptr[i + 1]! += ptr[i]!;
  const fill = ptr.slice(0, n);
  const idx = new Int32Array(row.length);
  for (let e = 0; e < row.length; e++) idx[fill[row[e]!]!++] = col[e]!;
  return { ptr, idx };
}

/** Concatenates the graphs' features into one disjoint graph. Validates every graph on entry. */
export function batchGraphs(graphs: readonly GraphFeatures[]): GraphBatch {
  if (!Array.isArray(graphs)) fail(`Expected an array of GraphFeatures for graphs but received ${String(graphs)}`);
  let numNodes = 0;
  let numEdges = 0;
  graphs.forEach((g, gi) => {
    const n = g?.numNodes;
    if (!Number.isInteger(n) || n < 0)
      fail(`Expected a non-negative integer numNodes for graphs[${gi}] but received ${n}`);
    const sized: Array<[string, ArrayLike<number>, number]> = [
      ['opIndex', g.opIndex, n],
      ['shape', g.shape, n * SHAPE_FEATURES],
      ['kernelH', g.kernelH, n],
      ['kernelW', g.kernelW, n],
      ['bias', g.bias, n],
      ['weighted', g.weighted, n],
      ['edgeDst', g.edgeDst, g.edgeSrc.length],
    ];
    for (const [name, arr, len] of sized) {
      if (arr?.length !== len) fail(`Expected ${len} entries in graphs[${gi}].${name} but received ${arr?.length}`);
    }
    for (let e = 0; e < g.edgeSrc.length; e++) {
      const s = g.edgeSrc[e]!;
      const d = g.edgeDst[e]!;
      if (s < 0 || s >= n || d < 0 || d >= n) {
        fail(`Expected edge endpoints in [0, ${n}) for graphs[${gi}] but edge ${e} is ${s} -> ${d}`);
      }
    }
    numNodes += n;
    numEdges += g.edgeSrc.length;
  });
  if (numNodes > 2 ** 31 - 1) fail(`Expected fewer than 2^31 nodes in a batch but received ${numNodes}`);

  const B = graphs.length;
  const graphOffsets = new Int32Array(B + 1);
  const nodeGraph = new Int32Array(numNodes);
  const opIndex = new Int32Array(numNodes);
  const shape = new Float32Array(numNodes * SHAPE_FEATURES);
  const kernelH = new Int32Array(numNodes);
  const kernelW = new Int32Array(numNodes);
  const bias = new Uint8Array(numNodes);
  const weighted = new Uint8Array(numNodes);
  const src = new Int32Array(numEdges);
  const dst = new Int32Array(numEdges);
  let nodeBase = 0;
  let edgeBase = 0;
  for (let gi = 0; gi < B; gi++) {
    const g = graphs[gi]!;
    const n = g.numNodes;
    graphOffsets[gi + 1] = nodeBase + n;
    nodeGraph.fill(gi, nodeBase, nodeBase + n);
    opIndex.set(g.opIndex, nodeBase);
    shape.set(g.shape, nodeBase * SHAPE_FEATURES);
    kernelH.set(g.kernelH, nodeBase);
    kernelW.set(g.kernelW, nodeBase);
    bias.set(g.bias, nodeBase);
    weighted.set(g.weighted, nodeBase);
    for (let e = 0; e < g.edgeSrc.length; e++) {
      src[edgeBase + e] = g.edgeSrc[e]! + nodeBase;
      dst[edgeBase + e] = g.edgeDst[e]! + nodeBase;
    }
    nodeBase += n;
    edgeBase += g.edgeSrc.length;
  }
  const pred = csr(numNodes, dst, src);
  const succ = csr(numNodes, src, dst);
  return {
    numGraphs: B,
    numNodes,
    numEdges,
    graphOffsets,
    nodeGraph,
    predPtr: pred.ptr,
    predIdx: pred.idx,
    succPtr: succ.ptr,
    succIdx: succ.idx,
    opIndex,
    shape,
    kernelH,
    kernelW,
    bias,
    weighted,
    embedIdx: embeddingRows(numNodes, opIndex, kernelH, kernelW, bias, weighted),
  };
}

function embeddingRows(
  n: number,
  opIndex: Int32Array,
  kernelH: Int32Array,
  kernelW: Int32Array,
  bias: Uint8Array,
  weighted: Uint8Array,
): Int32Array {
  const v = NODE_VOCABULARY;
  const out = new Int32Array(n * v.cols).fill(-1);
  const opRows = v.kernelHBase - v.opBase;
  const kernelRow = (k: number): number => Math.min(k, v.kernelSizes - 1);
  for (let i = 0; i < n; i++) {
    const op = opIndex[i]!;
    out[i * v.cols] = v.opBase + (op >= 0 && op < opRows ? op : 0); // unknown ops share <oov>
    if (weighted[i] === 1) {
      if (kernelH[i]! > 0) out[i * v.cols + 1] = v.kernelHBase + kernelRow(kernelH[i]!);
      if (kernelW[i]! > 0) out[i * v.cols + 2] = v.kernelWBase + kernelRow(kernelW[i]!);
      if (bias[i] === 1) out[i * v.cols + 3] = v.biasRow;
    }
  }
  return out;
}
