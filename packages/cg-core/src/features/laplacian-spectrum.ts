// Graph-level encoder feature: the k smallest eigenvalues of the normalised Laplacian
// L = I − D^-1/2 A D^-1/2 of the undirected CG (GENNAPE uses k = 11, the FLAN/HELP line k = 21).
import type { ComputationGraph } from '../graph/computation-graph.js';
import { GraphBuildError } from '../graph/graph-errors.js';
import { symmetricEigenvalues } from './symmetric-eigenvalues.js';

/**
 * k smallest eigenvalues of I − D^-1/2 A D^-1/2 (A the undirected, unweighted adjacency), ascending,
 * zero-padded when the graph has fewer than k nodes. Isolated nodes get a zero row (networkx convention).
 */
export function laplacianSpectrum(graph: ComputationGraph, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 0) {
    throw new GraphBuildError(`cg-core.laplacianSpectrum: Expected a non-negative integer for k but received ${k}`);
  }
  const n = graph.nodes.length;
  const deg = new Float64Array(n);
  for (const [s, d] of graph.edges) {
    if (s === d) continue;
    deg[s] = deg[s]! + 1;
    deg[d] = deg[d]! + 1;
  }
  const inv = new Float64Array(n);
  for (let i = 0; i < n; i++) inv[i] = deg[i]! > 0 ? 1 / Math.sqrt(deg[i]!) : 0;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = deg[i]! > 0 ? 1 : 0;
  for (const [s, d] of graph.edges) {
    if (s === d) continue;
    const w = -inv[s]! * inv[d]!;
    a[s * n + d] = w;
    a[d * n + s] = w;
  }
  const values = symmetricEigenvalues(a, n, k);
  const out = new Float64Array(k);
  out.set(values);
  return out;
}
