// The complete graph K_n: every pair of spins coupled (Sherrington-Kirkpatrick-style models).
import { BoltzmannInputError } from '../errors.js';
import { createIsingGraph, type IsingGraph } from './ising-model.js';

export function completeGraph(n: number): IsingGraph {
  if (!Number.isInteger(n) || n < 1 || n > 2048) {
    throw new BoltzmannInputError(`boltzmann.completeGraph: Expected an integer in [1, 2048] for n but received ${n}`);
  }
  const edges: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j]);
  return createIsingGraph(n, edges);
}
