// Ising models on sparse graphs, the parameterisation of a fully visible Boltzmann machine:
// E(s) = Σ h_i s_i + Σ_{i<j} J_ij s_i s_j, P(s) ∝ exp(−E(s)), s ∈ {−1, +1}^n (Korenkevych et al. 2016).
// Edges are kept as a sorted list (i < j) for parameters and as CSR for the samplers.
import { BoltzmannInputError } from '../errors.js';

export interface IsingGraph {
  readonly n: number;
  /** Edge endpoints with edgeI[e] < edgeJ[e], sorted by (i, j), no duplicates. */
  readonly edgeI: Int32Array;
  readonly edgeJ: Int32Array;
}

export interface IsingModel extends IsingGraph {
  readonly h: Float64Array;
  /** One coupling per edge. */
  readonly J: Float64Array;
  /** CSR of the symmetric adjacency; csrEdge maps each CSR entry to its edge. */
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly csrEdge: Int32Array;
}

/** Canonical graph from an edge list: endpoints ordered, sorted, duplicates and self-loops rejected. */
export function createIsingGraph(n: number, edges: ReadonlyArray<readonly [number, number]>): IsingGraph {
  if (!Number.isInteger(n) || n < 1) {
    throw new BoltzmannInputError(`boltzmann.createIsingGraph: Expected a positive integer for n but received ${n}`);
  }
  const pairs = edges.map(([a, b], e) => {
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || a >= n || b >= n || a === b) {
      throw new BoltzmannInputError(
        `boltzmann.createIsingGraph: Expected distinct spin indices in [0, ${n}) for edges[${e}] but received [${a}, ${b}]`,
      );
    }
    return a < b ? [a, b] : [b, a];
  });
  pairs.sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
  for (let e = 1; e < pairs.length; e++) {
    if (pairs[e]![0] === pairs[e - 1]![0] && pairs[e]![1] === pairs[e - 1]![1]) {
      throw new BoltzmannInputError(
        `boltzmann.createIsingGraph: Expected no duplicate edges but received [${pairs[e]!.join(', ')}] twice`,
      );
    }
  }
  return { n, edgeI: Int32Array.from(pairs, (p) => p[0]!), edgeJ: Int32Array.from(pairs, (p) => p[1]!) };
}

/** A model on `graph` with fields h (length n) and couplings J (one per edge). */
export function createIsingModel(graph: IsingGraph, h: ArrayLike<number>, J: ArrayLike<number>): IsingModel {
  const { n, edgeI, edgeJ } = graph;
  const m = edgeI.length;
  if (h.length !== n)
    throw new BoltzmannInputError(`boltzmann.createIsingModel: Expected ${n} fields for h but received ${h.length}`);
  if (J.length !== m)
    throw new BoltzmannInputError(`boltzmann.createIsingModel: Expected ${m} couplings for J but received ${J.length}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(h[i]))
      throw new BoltzmannInputError(
        `boltzmann.createIsingModel: Expected finite numbers for h but received h[${i}] = ${h[i]}`,
      );
  }
  for (let e = 0; e < m; e++) {
    if (!Number.isFinite(J[e]))
      throw new BoltzmannInputError(
        `boltzmann.createIsingModel: Expected finite numbers for J but received J[${e}] = ${J[e]}`,
      );
  }
  const degree = new Int32Array(n);
  for (let e = 0; e < m; e++) {
    degree[edgeI[e]!]!++;
    degree[edgeJ[e]!]!++;
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const fill = offsets.slice(0, n);
  const indices = new Int32Array(2 * m);
  const csrEdge = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    const i = edgeI[e]!;
    const j = edgeJ[e]!;
    indices[fill[i]!] = j;
    csrEdge[fill[i]!++] = e;
    indices[fill[j]!] = i;
    csrEdge[fill[j]!++] = e;
  }
  return { n, edgeI, edgeJ, h: Float64Array.from(h), J: Float64Array.from(J), offsets, indices, csrEdge };
}

/** E(s) for one configuration s (±1 entries). */
export function isingEnergy(model: IsingModel, s: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < model.n; i++) e += model.h[i]! * s[i]!;
  for (let k = 0; k < model.J.length; k++) e += model.J[k]! * s[model.edgeI[k]!]! * s[model.edgeJ[k]!]!;
  return e;
}
