// The Chimera graph of D-Wave annealers (Bunyk et al. 2014): an L×L grid of K4,4 unit cells,
// n = 8L². In cell (r, c), qubits 0–3 are "vertical" and couple to the same qubit of the cell below;
// qubits 4–7 are "horizontal" and couple to the same qubit of the cell to the right.
import { BoltzmannInputError } from '../errors.js';
import { createIsingGraph, type IsingGraph } from './ising-model.js';

/** Index of qubit k (0–7) of cell (row, col) in Chimera(L) with `cols` columns. */
export function chimeraIndex(row: number, col: number, k: number, cols: number): number {
  return (row * cols + col) * 8 + k;
}

/** Chimera with `rows` × `cols` cells (cols defaults to rows: the square Chimera(L)). */
export function chimeraGraph(rows: number, cols: number = rows): IsingGraph {
  for (const [name, v] of [
    ['rows', rows],
    ['cols', cols],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 64) {
      throw new BoltzmannInputError(
        `boltzmann.chimeraGraph: Expected an integer in [1, 64] for ${name} but received ${v}`,
      );
    }
  }
  const edges: Array<[number, number]> = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      for (let v = 0; v < 4; v++)
        for (let hq = 4; hq < 8; hq++) edges.push([chimeraIndex(r, c, v, cols), chimeraIndex(r, c, hq, cols)]);
      if (r + 1 < rows)
        for (let v = 0; v < 4; v++) edges.push([chimeraIndex(r, c, v, cols), chimeraIndex(r + 1, c, v, cols)]);
      if (c + 1 < cols)
        for (let hq = 4; hq < 8; hq++) edges.push([chimeraIndex(r, c, hq, cols), chimeraIndex(r, c + 1, hq, cols)]);
    }
  }
  return createIsingGraph(rows * cols * 8, edges);
}
