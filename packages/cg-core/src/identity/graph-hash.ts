// Isomorphism-invariant identity of a Computation Graph: Weisfeiler–Lehman over node labels made of the op,
// the input/output shapes and the operator attributes, edge direction respected. Equal graphs up to node
// numbering get equal keys, so duplicate architectures collapse to one key across every family.
import type { CgNode, ComputationGraph } from '../graph/computation-graph.js';
import { hashString, wlColours } from './wl-colours.js';

/** The label WL starts from: everything about a node except its id and free-text label. */
export function nodeSignature(n: CgNode): string {
  return [
    n.op,
    n.inH,
    n.inW,
    n.inC,
    n.outH,
    n.outW,
    n.outC,
    n.kh ?? '',
    n.kw ?? '',
    n.stride ?? '',
    n.pads ? n.pads.join(',') : '',
    n.groups ?? '',
    n.dilation ?? '',
    n.bias === true ? 'b' : '',
    n.affine === false ? 'na' : '',
  ].join(':');
}

function hex(x: number): string {
  return x.toString(16).padStart(14, '0');
}

/** A 28-hex-digit key, equal for isomorphic CGs (two WL runs with differently seeded labels). */
export function graphHash(graph: ComputationGraph): string {
  const sig = graph.nodes.map(nodeSignature);
  const a = wlColours(sig.map(hashString), graph.edges).graphColour;
  const b = wlColours(
    sig.map((s) => hashString(`#${s}`)),
    graph.edges,
  ).graphColour;
  return hex(a) + hex(b);
}
