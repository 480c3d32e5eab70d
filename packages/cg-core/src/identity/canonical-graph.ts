// Canonical form of a CG: the same graph renumbered in a topological order that prefers, among ready nodes,
// the smallest stable Weisfeiler–Lehman colour. Isomorphic graphs map to identical node/edge lists whenever
// nodes of equal colour are interchangeable (always true for graphs WL identifies, e.g. trees and the cells of
// NB-101/201/301); ties beyond that fall back to the original numbering.
import type { CgNode, ComputationGraph } from '../graph/computation-graph.js';
import { hashString, wlColours } from './wl-colours.js';
import { nodeSignature } from './graph-hash.js';

export function canonicalGraph(graph: ComputationGraph): ComputationGraph {
  const n = graph.nodes.length;
  const { colours } = wlColours(
    graph.nodes.map((node) => hashString(nodeSignature(node))),
    graph.edges,
  );
  const succs: number[][] = Array.from({ length: n }, () => []);
  const indeg = new Int32Array(n);
  for (const [s, d] of graph.edges) {
    succs[s]!.push(d);
    indeg[d]!++;
  }
  const ready: number[] = [];
  for (let v = 0; v < n; v++) if (indeg[v] === 0) ready.push(v);
  const order: number[] = [];
  while (ready.length > 0) {
    let best = 0;
    for (let i = 1; i < ready.length; i++) {
      const a = ready[i]!;
      const b = ready[best]!;
      if (colours[a]! < colours[b]! || (colours[a] === colours[b] && a < b)) best = i;
    }
    const v = ready.splice(best, 1)[0]!;
    order.push(v);
    for (const w of succs[v]!) if (--indeg[w]! === 0) ready.push(w);
  }
  const newId = new Int32Array(n);
  order.forEach((old, i) => (newId[old] = i));
  const nodes: CgNode[] = order.map((old, i) => ({ ...graph.nodes[old]!, id: i }));
  const edges = graph.edges.map(([s, d]) => [newId[s]!, newId[d]!] as const).sort((x, y) => x[1] - y[1] || x[0] - y[0]);
  return { nodes, edges, meta: graph.meta };
}
