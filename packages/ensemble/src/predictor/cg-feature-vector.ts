// A family-agnostic fixed-width summary of a Computation Graph: cost, size, op mix (by count and by MAC
// share), and the longest/shortest number of weighted layers on an input-to-output path. It feeds the
// feature encoder, the fallback while the k-GNN is unavailable and a cheap baseline beside it.
import { graphCost, OP_TYPES, opIndex, predecessors, type ComputationGraph } from '@cgnas/cg-core';

const KERNEL_SIZES = [1, 3, 5, 7] as const;

/** Names of the entries of `cgFeatureVector`, in order. */
export const CG_FEATURE_NAMES: readonly string[] = [
  'log_mflops',
  'log_mparams',
  'log_nodes',
  'log_edges',
  'max_weighted_depth',
  'min_weighted_depth',
  'mean_fan_in_merge',
  'strided_frac',
  'dilated_frac',
  ...OP_TYPES.map((op) => `count_frac_${op}`),
  ...KERNEL_SIZES.map((k) => `conv_k${k}_mac_frac`),
  ...KERNEL_SIZES.map((k) => `conv_k${k}_count_frac`),
  'depthwise_mac_frac',
  'matmul_mac_frac',
];

export const CG_FEATURE_WIDTH = CG_FEATURE_NAMES.length;

export function cgFeatureVector(graph: ComputationGraph): Float32Array {
  const nodes = graph.nodes;
  const n = nodes.length;
  const cost = graphCost(graph);
  const preds = predecessors(graph);
  const out = new Float32Array(CG_FEATURE_WIDTH);
  let o = 0;
  out[o++] = Math.log10(1 + cost.macs / 1e6);
  out[o++] = Math.log10(1 + cost.params / 1e6);
  out[o++] = Math.log(1 + n);
  out[o++] = Math.log(1 + graph.edges.length);
  // Weighted depth: conv/depthwise/matmul layers on the longest and on the shortest input->output path.
  const longest = new Float64Array(n);
  const shortest = new Float64Array(n);
  let mergeFanIn = 0;
  let merges = 0;
  let strided = 0;
  let dilated = 0;
  let weighted = 0;
  const counts = new Float64Array(OP_TYPES.length);
  const convMacs = new Float64Array(KERNEL_SIZES.length);
  const convCounts = new Float64Array(KERNEL_SIZES.length);
  let dwMacs = 0;
  let mmMacs = 0;
  for (let i = 0; i < n; i++) {
    const node = nodes[i]!;
    const w = node.op === 'conv' || node.op === 'depthwise' || node.op === 'matmul' ? 1 : 0;
    const p = preds[i]!;
    if (node.op === 'zero') {
      // A zero op cuts the path: it contributes no route from the input.
      longest[i] = -Infinity;
      shortest[i] = Infinity;
    } else if (p.length === 0) {
      longest[i] = w;
      shortest[i] = w;
    } else {
      let lo = Infinity;
      let hi = -Infinity;
      for (const s of p) {
        lo = Math.min(lo, shortest[s]!);
        hi = Math.max(hi, longest[s]!);
      }
      longest[i] = hi + w;
      shortest[i] = lo + w;
    }
    if (p.length > 1) {
      mergeFanIn += p.length;
      merges++;
    }
    if (w) weighted++;
    if ((node.stride ?? 1) > 1) strided++;
    if ((node.dilation ?? 1) > 1) dilated++;
    counts[opIndex(node.op)]!++;
    const macs = cost.perNode[i]!.macs;
    if (node.op === 'conv') {
      const k = Math.max(node.kh ?? 1, node.kw ?? 1);
      const idx = KERNEL_SIZES.reduce(
        (best, ks, j) => (Math.abs(ks - k) < Math.abs(KERNEL_SIZES[best]! - k) ? j : best),
        0,
      );
      convMacs[idx]! += macs;
      convCounts[idx]!++;
    } else if (node.op === 'depthwise') {
      dwMacs += macs;
    } else if (node.op === 'matmul') {
      mmMacs += macs;
    }
  }
  const last = n - 1;
  out[o++] = Number.isFinite(longest[last]!) ? Math.log(1 + longest[last]!) : 0;
  out[o++] = Number.isFinite(shortest[last]!) ? Math.log(1 + shortest[last]!) : 0;
  out[o++] = merges > 0 ? mergeFanIn / merges : 0;
  out[o++] = n > 0 ? strided / n : 0;
  out[o++] = n > 0 ? dilated / n : 0;
  for (let t = 0; t < OP_TYPES.length; t++) out[o++] = n > 0 ? counts[t]! / n : 0;
  const totalMacs = Math.max(1, cost.macs);
  for (let j = 0; j < KERNEL_SIZES.length; j++) out[o++] = convMacs[j]! / totalMacs;
  for (let j = 0; j < KERNEL_SIZES.length; j++) out[o++] = weighted > 0 ? convCounts[j]! / weighted : 0;
  out[o++] = dwMacs / totalMacs;
  out[o++] = mmMacs / totalMacs;
  return out;
}
