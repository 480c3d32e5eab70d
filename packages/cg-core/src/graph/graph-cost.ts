// FLOPs, MACs and parameter counts of a CG, with the counting conventions written down.
// - `macs` (= `flops`): multiply-accumulates of conv, depthwise and matmul only (what NAS papers call FLOPs);
//   `flopsTwoPerMac` = 2 × MACs.
// - `params`: conv/depthwise kh*kw*(inC/groups)*outC (+outC with bias); matmul in*out (+out); affine batchnorm
//   2*C (running statistics are buffers, not parameters); non-affine batchnorm 0. This reproduces NB-201 params_m,
//   NB-101 and NB-301 zc.params exactly.
// - `benchFlops`: NASLib's published `zc.flops` (MFLOPs ×1e6), which NASLib computes with tensorwatch/torchstat
//   forward hooks on nn.Modules. Found by testing hypotheses against the data: conv/depthwise MACs (+out elements
//   with bias), Linear in*out (bias not counted), BatchNorm 2 × elements (affine) or 1 × (non-affine), every
//   activation 1 × elements, max/avg pool out elements × kh*kw, AdaptiveAvgPool (`global`) C × (H+1)(W+1);
//   functional ops (add, concat, slicing, identity, mean) 0. Exact (to the file's 1e-6 M) for all 1,104 NB-201
//   CIFAR-10 rows of NAS-Bench-Suite-Zero and all 1,218 NB-301 rows; for NB-101 it is exactly 41,472 (0.01-0.05%)
//   above NASLib's, whose NB-101 network pools with torch.mean (not a module) — we keep one `global` op for
//   global average pooling in every family rather than split it by implementation.
import type { CgNode, ComputationGraph } from './computation-graph.js';
import { GraphValidationError } from './graph-errors.js';

export interface NodeCost {
  readonly macs: number;
  readonly params: number;
  /** FLOPs as NASLib's zero-cost `flops` counts them (tensorwatch/torchstat per-module hooks); see the header. */
  readonly benchFlops: number;
}

export interface GraphCost {
  /** Multiply-accumulates (reported as FLOPs by the benchmarks). */
  readonly macs: number;
  readonly flops: number;
  /** 2 x MACs, for readers who count a multiply and an add separately. */
  readonly flopsTwoPerMac: number;
  readonly params: number;
  /** Sum of NodeCost.benchFlops: reproduces NASLib's published `zc.flops` (×1e6) for NB-101 and NB-301. */
  readonly benchFlops: number;
  readonly perNode: readonly NodeCost[];
}

export function nodeCost(n: CgNode): NodeCost {
  const outEl = n.outH * n.outW * n.outC;
  switch (n.op) {
    case 'conv':
    case 'depthwise': {
      const g = n.groups ?? 1;
      const kernel = (n.kh ?? 1) * (n.kw ?? 1) * (n.inC / g);
      const macs = outEl * kernel;
      return {
        macs,
        params: kernel * n.outC + (n.bias ? n.outC : 0),
        benchFlops: macs + (n.bias ? outEl : 0),
      };
    }
    case 'matmul': {
      const inFeatures = n.inH * n.inW * n.inC;
      const macs = inFeatures * n.outC;
      return { macs, params: macs + (n.bias ? n.outC : 0), benchFlops: macs };
    }
    case 'batchnorm':
      return n.affine === false
        ? { macs: 0, params: 0, benchFlops: outEl }
        : { macs: 0, params: 2 * n.outC, benchFlops: 2 * outEl };
    case 'relu':
    case 'relu6':
    case 'sigmoid':
    case 'tanh':
    case 'swish':
    case 'gelu':
    case 'hswish':
    case 'hsigmoid':
      return { macs: 0, params: 0, benchFlops: outEl };
    case 'global':
      return { macs: 0, params: 0, benchFlops: n.outC * (n.inH + 1) * (n.inW + 1) };
    case 'maxpool':
    case 'avgpool':
      return { macs: 0, params: 0, benchFlops: outEl * (n.kh ?? 1) * (n.kw ?? 1) };
    case '<oov>':
    case 'input':
    case 'output':
    case 'add':
    case 'mul':
    case 'concat':
    case 'paddings':
    case 'mean':
    case 'identity':
    case 'zero':
    case '<reserved-1>':
    case '<reserved-2>':
    case '<reserved-3>':
      return ZERO_COST;
    default: {
      const never: never = n.op;
      throw new GraphValidationError(`cg-core.nodeCost: unknown op ${String(never)}; map it to "<oov>"`, n.id);
    }
  }
}

const ZERO_COST: NodeCost = { macs: 0, params: 0, benchFlops: 0 };

export function graphCost(graph: ComputationGraph): GraphCost {
  let macs = 0;
  let params = 0;
  let benchFlops = 0;
  const nodes = graph.nodes;
  const perNode: NodeCost[] = new Array<NodeCost>(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const c = nodeCost(nodes[i]!);
    macs += c.macs;
    params += c.params;
    benchFlops += c.benchFlops;
    perNode[i] = c;
  }
  return { macs, flops: macs, flopsTwoPerMac: 2 * macs, params, benchFlops, perNode };
}
