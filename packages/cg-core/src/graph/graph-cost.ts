// FLOPs, MACs and parameter counts of a CG.
// Convention (the one thop/fvcore and the NAS benchmarks' own numbers use):
// - MACs count multiply-accumulates of conv, depthwise and matmul only; FLOPs = MACs
//   (NB-101/201/301 and OFA report MACs as "FLOPs"); `flopsTwoPerMac` gives 2 x MACs.
// - Parameters: conv/depthwise kh*kw*(inC/groups)*outC (+outC with bias); matmul in*out (+out);
//   batchnorm 2*C (affine scale and shift; running statistics are buffers, not parameters).
// - Everything else (activations, pools, add, mul, concat, BN arithmetic) costs 0 MACs and 0 params.
import type { CgNode, ComputationGraph } from './computation-graph.js';

export interface NodeCost {
  readonly macs: number;
  readonly params: number;
}

export interface GraphCost {
  /** Multiply-accumulates (reported as FLOPs by the benchmarks). */
  readonly macs: number;
  readonly flops: number;
  /** 2 x MACs, for readers who count a multiply and an add separately. */
  readonly flopsTwoPerMac: number;
  readonly params: number;
  readonly perNode: readonly NodeCost[];
}

export function nodeCost(n: CgNode): NodeCost {
  switch (n.op) {
    case 'conv':
    case 'depthwise': {
      const g = n.groups ?? 1;
      const kernel = (n.kh ?? 1) * (n.kw ?? 1) * (n.inC / g);
      return {
        macs: n.outH * n.outW * n.outC * kernel,
        params: kernel * n.outC + (n.bias ? n.outC : 0),
      };
    }
    case 'matmul': {
      const inFeatures = n.inH * n.inW * n.inC;
      return { macs: inFeatures * n.outC, params: inFeatures * n.outC + (n.bias ? n.outC : 0) };
    }
    case 'batchnorm':
      return { macs: 0, params: 2 * n.outC };
    default:
      return { macs: 0, params: 0 };
  }
}

export function graphCost(graph: ComputationGraph): GraphCost {
  let macs = 0;
  let params = 0;
  const perNode = graph.nodes.map((n) => {
    const c = nodeCost(n);
    macs += c.macs;
    params += c.params;
    return c;
  });
  return { macs, flops: macs, flopsTwoPerMac: 2 * macs, params, perNode };
}
