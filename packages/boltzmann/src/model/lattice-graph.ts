// Two-dimensional square lattice (open or periodic boundaries), the classical Ising test bed.
import { BoltzmannInputError } from '../errors.js';
import { createIsingGraph, type IsingGraph } from './ising-model.js';

/** rows × cols lattice, spin (r, c) at index r·cols + c; periodic wraps both directions (needs size ≥ 3). */
export function latticeGraph(rows: number, cols: number, periodic = false): IsingGraph {
  for (const [name, v] of [
    ['rows', rows],
    ['cols', cols],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 4096 || (periodic && v < 3)) {
      throw new BoltzmannInputError(
        `boltzmann.latticeGraph: Expected an integer in [${periodic ? 3 : 1}, 4096] for ${name} but received ${v}`,
      );
    }
  }
  const edges: Array<[number, number]> = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (c + 1 < cols || periodic) edges.push([i, r * cols + ((c + 1) % cols)]);
      if (r + 1 < rows || periodic) edges.push([i, ((r + 1) % rows) * cols + c]);
    }
  }
  return createIsingGraph(rows * cols, edges);
}
