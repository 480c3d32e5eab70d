// Per-node and per-edge encoder inputs of a Computation Graph (GENNAPE, Mills et al. 2023, §3.2):
// op index, shapes scaled by [256, 256, 256, 256, 512, 512], kernel sizes and bias flag of weighted ops.
// Flat typed arrays so the encoder can hand them to native kernels without copying.
import type { ComputationGraph } from '../graph/computation-graph.js';
import { opIndex } from '../graph/op-types.js';

export interface GraphFeatures {
  readonly numNodes: number;
  /** n, from opIndex(node.op). */
  readonly opIndex: Int32Array;
  /** n*6: [H_in/256, H_out/256, W_in/256, W_out/256, C_in/512, C_out/512]. */
  readonly shape: Float32Array;
  /** n, 0 for ops without a kernel. */
  readonly kernelH: Int32Array;
  readonly kernelW: Int32Array;
  /** n, 1 when a weighted op has a bias. */
  readonly bias: Uint8Array;
  /** n, 1 for conv/depthwise/matmul/batchnorm. */
  readonly weighted: Uint8Array;
  /** e, forward edges in the graph's edge order. */
  readonly edgeSrc: Int32Array;
  readonly edgeDst: Int32Array;
}

/** Encoder features of a CG; pure, O(nodes + edges). */
export function graphFeatures(graph: ComputationGraph): GraphFeatures {
  const nodes = graph.nodes;
  const n = nodes.length;
  const edges = graph.edges;
  const e = edges.length;
  // One backing store for all nine arrays: a separate ArrayBuffer each costs more than filling them.
  const buffer = new ArrayBuffer(4 * (9 * n + 2 * e) + 2 * n);
  const ops = new Int32Array(buffer, 0, n);
  const kernelH = new Int32Array(buffer, 4 * n, n);
  const kernelW = new Int32Array(buffer, 8 * n, n);
  const edgeSrc = new Int32Array(buffer, 12 * n, e);
  const edgeDst = new Int32Array(buffer, 12 * n + 4 * e, e);
  const shape = new Float32Array(buffer, 12 * n + 8 * e, 6 * n);
  const bias = new Uint8Array(buffer, 36 * n + 8 * e, n);
  const weighted = new Uint8Array(buffer, 37 * n + 8 * e, n);
  for (let i = 0; i < n; i++) {
    const node = nodes[i]!;
    ops[i] = opIndex(node.op);
    const o = i * 6;
    shape[o] = node.inH / 256;
    shape[o + 1] = node.outH / 256;
    shape[o + 2] = node.inW / 256;
    shape[o + 3] = node.outW / 256;
    shape[o + 4] = node.inC / 512;
    shape[o + 5] = node.outC / 512;
    const op = node.op;
    const isWeighted = op === 'conv' || op === 'depthwise' || op === 'matmul' || op === 'batchnorm';
    if (isWeighted) {
      weighted[i] = 1;
      if (node.bias === true) bias[i] = 1;
    }
    if (node.kh !== undefined) kernelH[i] = node.kh;
    if (node.kw !== undefined) kernelW[i] = node.kw;
  }
  for (let j = 0; j < e; j++) {
    const edge = edges[j]!;
    edgeSrc[j] = edge[0];
    edgeDst[j] = edge[1];
  }
  return { numNodes: n, opIndex: ops, shape, kernelH, kernelW, bias, weighted, edgeSrc, edgeDst };
}
