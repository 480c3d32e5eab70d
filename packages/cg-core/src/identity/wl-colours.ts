// Weisfeiler–Lehman colour refinement on a directed, node-labelled graph (Weisfeiler & Leman 1968; as in
// NAS-Bench-101's `graph_util.hash_module`, with in- and out-neighbourhoods kept apart so direction counts).
// Colours are 53-bit integers from a 2×32-bit multiplicative hash; refinement stops when the partition is stable.

const M1 = 0x9e3779b1;
const M2 = 0x85ebca77;

// Hash state kept in module variables: the hot loops allocate nothing.
let hA = 0;
let hB = 0;

function begin(seed: number): void {
  hA = 0xa4093822 ^ seed;
  hB = 0x299f31d0;
}

function add32(x: number): void {
  hA = Math.imul(hA ^ x, M1);
  hA ^= hA >>> 15;
  hB = (Math.imul(hB ^ x, M2) + 0x6b43a9b5) | 0;
  hB ^= hB >>> 13;
}

/** Adds a non-negative integer below 2^53 (or a small negative separator). */
function addNumber(v: number): void {
  add32(v >>> 0);
  add32((v / 4294967296) >>> 0);
}

function end(): number {
  let a = hA;
  let b = hB;
  a = Math.imul(a ^ (a >>> 16), 0x7feb352d);
  b = Math.imul(b ^ (b >>> 15), 0x846ca68b);
  a ^= a >>> 15;
  b ^= b >>> 16;
  return (a >>> 0) * 2097152 + ((b >>> 0) & 0x1fffff);
}

/** 53-bit hash of a string. */
export function hashString(s: string): number {
  begin(0x13198a2e);
  for (let i = 0; i < s.length; i++) add32(s.charCodeAt(i));
  add32(s.length);
  return end();
}

/** 53-bit hash of a list of non-negative integers below 2^53 (order matters). */
export function hashNumbers(values: ArrayLike<number>, seed = 0): number {
  begin(seed);
  for (let i = 0; i < values.length; i++) addNumber(values[i]!);
  add32(values.length);
  return end();
}

export interface WlResult {
  /** Stable colour of every node (equal colours for nodes WL cannot tell apart). */
  readonly colours: Float64Array;
  /** Hash of the multiset of stable colours: equal for isomorphic graphs. */
  readonly graphColour: number;
}

/** CSR adjacency (one direction). */
interface Adjacency {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

function adjacency(n: number, edges: readonly (readonly [number, number])[], reverse: boolean): Adjacency {
  const offsets = new Int32Array(n + 1);
  for (const e of edges) offsets[(reverse ? e[1] : e[0]) + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(edges.length);
  for (const e of edges) {
    const from = reverse ? e[1] : e[0];
    targets[fill[from]!++] = reverse ? e[0] : e[1];
  }
  return { offsets, targets };
}

/** Adds the sorted colours of v's neighbours to the running hash. */
function addNeighbours(adj: Adjacency, v: number, colour: Float64Array, scratch: Float64Array): void {
  const lo = adj.offsets[v]!;
  const hi = adj.offsets[v + 1]!;
  const k = hi - lo;
  for (let i = 0; i < k; i++) {
    const c = colour[adj.targets[lo + i]!]!;
    let j = i;
    while (j > 0 && scratch[j - 1]! > c) {
      scratch[j] = scratch[j - 1]!;
      j--;
    }
    scratch[j] = c;
  }
  for (let i = 0; i < k; i++) addNumber(scratch[i]!);
  add32(k);
}

function distinct(values: Float64Array): number {
  const sorted = values.slice().sort();
  let count = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) count++;
  return count;
}

/** Kahn's order, or null when the graph has a cycle (then plain WL runs from the labels). */
function topologicalOrder(n: number, preds: Adjacency, succs: Adjacency): Int32Array | null {
  const indeg = new Int32Array(n);
  for (let v = 0; v < n; v++) indeg[v] = preds.offsets[v + 1]! - preds.offsets[v]!;
  const order = new Int32Array(n);
  let len = 0;
  for (let v = 0; v < n; v++) if (indeg[v] === 0) order[len++] = v;
  for (let i = 0; i < len; i++) {
    const v = order[i]!;
    for (let e = succs.offsets[v]!; e < succs.offsets[v + 1]!; e++) {
      const w = succs.targets[e]!;
      if (--indeg[w]! === 0) order[len++] = w;
    }
  }
  return len === n ? order : null;
}

/**
 * Refines `labels` over the directed edges until the colour partition stops splitting (at most n rounds).
 * Isomorphic graphs always get the same graphColour; different graphs almost always differ (WL is complete
 * on trees and on most DAGs the NAS families produce).
 */
export function wlColours(labels: ArrayLike<number>, edges: readonly (readonly [number, number])[]): WlResult {
  const n = labels.length;
  const preds = adjacency(n, edges, true);
  const succs = adjacency(n, edges, false);
  let maxDeg = 0;
  for (let v = 0; v < n; v++) {
    maxDeg = Math.max(maxDeg, preds.offsets[v + 1]! - preds.offsets[v]!, succs.offsets[v + 1]! - succs.offsets[v]!);
  }
  const scratch = new Float64Array(maxDeg);
  let colours = Float64Array.from(labels);
  // On a DAG, one forward pass (label + sorted colours of the predecessors, in topological order) and one
  // backward pass see the whole up- and downstream unfolding at once; WL started from their combination
  // converges in a round or two instead of one round per layer of a deep network.
  const order = topologicalOrder(n, preds, succs);
  if (order) {
    const fwd = new Float64Array(n);
    const bwd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = order[i]!;
      begin(0x1234);
      addNumber(labels[v]!);
      addNeighbours(preds, v, fwd, scratch);
      fwd[v] = end();
    }
    for (let i = n - 1; i >= 0; i--) {
      const v = order[i]!;
      begin(0x4321);
      addNumber(labels[v]!);
      addNeighbours(succs, v, bwd, scratch);
      bwd[v] = end();
    }
    for (let v = 0; v < n; v++) {
      begin(0x77);
      addNumber(fwd[v]!);
      addNumber(bwd[v]!);
      colours[v] = end();
    }
  }
  let classes = distinct(colours);
  for (let round = 0; round < n; round++) {
    const next = new Float64Array(n);
    for (let v = 0; v < n; v++) {
      begin(round + 1);
      addNumber(colours[v]!);
      addNeighbours(preds, v, colours, scratch);
      addNeighbours(succs, v, colours, scratch);
      next[v] = end();
    }
    const nextClasses = distinct(next);
    colours = next;
    if (nextClasses === classes) break;
    classes = nextClasses;
  }
  return { colours, graphColour: hashNumbers(colours.slice().sort(), 0x5bd1e995) };
}
