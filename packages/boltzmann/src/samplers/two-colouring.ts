// Two-colouring by breadth-first search: the colour classes of a bipartite graph can be updated as
// half-sweeps (each class is conditionally independent given the other).
import type { IsingGraph } from '../model/ising-model.js';

/** Colour 0/1 per spin, or null when the graph has an odd cycle. */
export function twoColouring(graph: IsingGraph & { offsets: Int32Array; indices: Int32Array }): Uint8Array | null {
  const colour = new Int8Array(graph.n).fill(-1);
  const queue = new Int32Array(graph.n);
  for (let root = 0; root < graph.n; root++) {
    if (colour[root] !== -1) continue;
    colour[root] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const v = queue[head++]!;
      for (let q = graph.offsets[v]!; q < graph.offsets[v + 1]!; q++) {
        const u = graph.indices[q]!;
        if (colour[u] === -1) {
          colour[u] = 1 - colour[v]!;
          queue[tail++] = u;
        } else if (colour[u] === colour[v]) return null;
      }
    }
  }
  return Uint8Array.from(colour);
}
