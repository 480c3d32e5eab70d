// The Computation Graph (CG): a DAG of primitive operators with tensor shapes (NHWC without N).
// Nodes are stored in a topological order and ids equal positions; edges point forward (src < dst).
import type { OpType } from './op-types.js';

/** Padding as [top, left, bottom, right]. */
export type Pads = readonly [number, number, number, number];

export interface CgNode {
  /** Position in `nodes`; a topological order. */
  readonly id: number;
  readonly op: OpType;
  readonly inH: number;
  readonly inW: number;
  /** Input channels; for concat the sum over inputs. */
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  /** Kernel height/width (conv, depthwise, pools). */
  readonly kh?: number;
  readonly kw?: number;
  readonly stride?: number;
  readonly pads?: Pads;
  readonly groups?: number;
  readonly dilation?: number;
  /** Whether a conv/matmul adds a bias vector. */
  readonly bias?: boolean;
  /** batchnorm only: whether it learns a scale and shift (default true; DARTS search-space ops use false). */
  readonly affine?: boolean;
  /** Free-text origin: the ONNX op type of an `<oov>` node, a block name, etc. */
  readonly label?: string;
}

export interface CgMeta {
  /** Family the graph came from: nb101, nb201, nb301, ofa-mbv3, ofa-resnet50, proxyless, fbnet, onnx, ... */
  readonly family?: string;
  /** The architecture in the family's native encoding (e.g. an NB-201 arch string). */
  readonly arch?: string;
  readonly name?: string;
}

export interface ComputationGraph {
  readonly nodes: readonly CgNode[];
  /** Directed edges [src, dst] with src < dst, sorted by (dst, src). */
  readonly edges: readonly (readonly [number, number])[];
  readonly meta: CgMeta;
}

/** Ids of each node's inputs, in edge order. */
export function predecessors(graph: ComputationGraph): number[][] {
  const preds: number[][] = graph.nodes.map(() => []);
  for (const [s, d] of graph.edges) preds[d]!.push(s);
  return preds;
}

/** Ids of each node's consumers. */
export function successors(graph: ComputationGraph): number[][] {
  const succ: number[][] = graph.nodes.map(() => []);
  for (const [s, d] of graph.edges) succ[s]!.push(d);
  return succ;
}
