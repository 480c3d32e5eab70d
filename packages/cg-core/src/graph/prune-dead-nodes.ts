// Dead-code elimination for CGs: drops every node whose result never reaches an output (e.g. a DARTS cell
// input that no op reads), so builders can describe a network literally and still yield a valid CG.
import type { ComputationGraph } from './computation-graph.js';

/** The graph without nodes that cannot reach an `output` node, renumbered in the same order. */
export function pruneDeadNodes(graph: ComputationGraph): ComputationGraph {
  const n = graph.nodes.length;
  const live = new Uint8Array(n);
  for (let v = 0; v < n; v++) if (graph.nodes[v]!.op === 'output') live[v] = 1;
  // Edges point forward and are sorted by destination: one backward sweep marks every live source.
  for (let k = graph.edges.length - 1; k >= 0; k--) {
    const [s, d] = graph.edges[k]!;
    if (live[d]) live[s] = 1;
  }
  let dead = 0;
  for (let v = 0; v < n; v++) if (!live[v]) dead++;
  if (dead === 0) return graph;
  const newId = new Int32Array(n).fill(-1);
  const nodes = [];
  for (let v = 0; v < n; v++) {
    if (!live[v]) continue;
    newId[v] = nodes.length;
    nodes.push({ ...graph.nodes[v]!, id: nodes.length });
  }
  const edges = graph.edges.filter(([s, d]) => live[s] && live[d]).map(([s, d]) => [newId[s]!, newId[d]!] as const);
  return { nodes, edges, meta: graph.meta };
}
