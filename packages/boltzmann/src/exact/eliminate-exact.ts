// Exact log Z and moments by variable elimination along a vertex order (a path decomposition):
// a forward pass sums spins out as soon as all their neighbours are placed, a backward pass
// (forward-backward on the bags) gives each bag's marginal. For Chimera(L) in index order (cells row
// by row) the frontier holds 4L vertical qubits plus one cell: width 4L + 4, so L ≤ 4 is exact.
import { BoltzmannInputError } from '../errors.js';
import type { IsingModel } from '../model/ising-model.js';
import type { IsingMoments } from './ising-moments.js';

export interface EliminateOptions {
  /** Vertex order (a permutation of 0..n−1); index order when omitted. */
  readonly order?: ArrayLike<number>;
  /** Compute ⟨s_i⟩, ⟨s_i s_j⟩ too (keeps every frontier table: memory Σ 2^|frontier|). Default true. */
  readonly moments?: boolean;
  /** Largest bag (frontier + 1) accepted. Default 24. */
  readonly maxWidth?: number;
}

const DEFAULTS = { moments: true, maxWidth: 24 } as const;

interface Step {
  /** Variables of the bag X_t: the frontier before t, then v_t last. */
  readonly bag: number[];
  /** Frontier after t (a sub-list of bag, same relative order). */
  readonly kept: number[];
}

/** Frontier bookkeeping for an order; also gives the width without computing anything. */
export function eliminationSteps(model: IsingModel, order: ArrayLike<number>): Step[] {
  const { n, offsets, indices } = model;
  const pos = new Int32Array(n).fill(-1);
  for (let t = 0; t < order.length; t++) {
    const v = order[t]!;
    if (order.length !== n || !Number.isInteger(v) || v < 0 || v >= n || pos[v] !== -1) {
      throw new BoltzmannInputError(
        `boltzmann.eliminateExact: Expected a permutation of 0..${n - 1} for order but received a repeat or out-of-range entry at ${t}`,
      );
    }
    pos[v] = t;
  }
  const last = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    let l = pos[v]!;
    for (let q = offsets[v]!; q < offsets[v + 1]!; q++) l = Math.max(l, pos[indices[q]!]!);
    last[v] = l;
  }
  const steps: Step[] = [];
  let frontier: number[] = [];
  for (let t = 0; t < n; t++) {
    const bag = [...frontier, order[t]!];
    const kept = bag.filter((u) => last[u]! > t);
    steps.push({ bag, kept });
    frontier = kept;
  }
  return steps;
}

/** proj[x] = index into `kept` of bag assignment x (bits in bag order). */
function projection(bag: number[], kept: number[]): Int32Array {
  const keptPos = new Map(kept.map((u, k) => [u, k]));
  const size = 2 ** bag.length;
  const proj = new Int32Array(size);
  for (let b = 0; b < bag.length; b++) {
    const kp = keptPos.get(bag[b]!);
    const add = kp === undefined ? 0 : 1 << kp;
    const top = 1 << b;
    for (let x = top; x < 2 * top; x++) proj[x] = proj[x - top]! + add;
  }
  return proj;
}

/**
 * φ_t(x) · e^(−M) for every bag assignment x (v is the top bit), where
 * φ_t = exp(−s_v (h_v + Σ_{u ∈ frontier, u~v} J_uv s_u)) and M = |h_v| + Σ|J_uv| bounds its log.
 * Built by products over the bits (no exp per entry), which is what makes Chimera(4) fast.
 */
function factor(
  model: IsingModel,
  bag: number[],
  coupling: Map<number, number>[],
): { phi: Float64Array; logScale: number } {
  const a = bag.length - 1;
  const v = bag[a]!;
  const js = bag.slice(0, a).map((u) => coupling[v]!.get(u) ?? 0);
  const h = model.h[v]!;
  const bound = Math.abs(h) + js.reduce((x, y) => x + Math.abs(y), 0);
  const field0 = h - js.reduce((x, y) => x + y, 0); // all frontier spins −1
  const half = 2 ** a;
  const phi = new Float64Array(2 * half);
  phi[0] = Math.exp(field0 - bound); // s_v = −1: log φ = +field
  phi[half] = Math.exp(-field0 - bound); // s_v = +1: log φ = −field
  for (let b = 0; b < a; b++) {
    const top = 1 << b;
    const jb = js[b]!;
    if (jb === 0) {
      for (let x = top; x < 2 * top; x++) {
        phi[x] = phi[x - top]!;
        phi[half + x] = phi[half + x - top]!;
      }
      continue;
    }
    const up = Math.exp(2 * jb);
    const down = Math.exp(-2 * jb);
    for (let x = top; x < 2 * top; x++) {
      phi[x] = phi[x - top]! * up;
      phi[half + x] = phi[half + x - top]! * down;
    }
  }
  return { phi, logScale: bound };
}

export function eliminateExact(model: IsingModel, options: EliminateOptions = {}): IsingMoments {
  const { n, offsets, indices, csrEdge } = model;
  const maxWidth = options.maxWidth ?? DEFAULTS.maxWidth;
  const withMoments = options.moments ?? DEFAULTS.moments;
  const order = options.order ?? Int32Array.from({ length: n }, (_, i) => i);
  const steps = eliminationSteps(model, order);
  const width = Math.max(...steps.map((s) => s.bag.length));
  if (width > maxWidth) {
    throw new BoltzmannInputError(
      `boltzmann.eliminateExact: Expected a bag width <= ${maxWidth} but this order needs ${width}; pass a better order (Chimera: index order) or raise maxWidth`,
    );
  }
  const coupling: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let v = 0; v < n; v++)
    for (let q = offsets[v]!; q < offsets[v + 1]!; q++) coupling[v]!.set(indices[q]!, model.J[csrEdge[q]!]!);

  // Forward: F_t over the frontier after t, rescaled to max 1 (the log of the scale is kept).
  const forward: Float64Array[] = [];
  let f = new Float64Array([1]);
  let logScale = 0;
  for (let t = 0; t < n; t++) {
    const { bag, kept } = steps[t]!;
    const a = bag.length - 1;
    const { phi, logScale: maxLog } = factor(model, bag, coupling);
    const proj = projection(bag, kept);
    const next = new Float64Array(2 ** kept.length);
    const mask = (1 << a) - 1;
    for (let x = 0; x < phi.length; x++) next[proj[x]!]! += f[x & mask]! * phi[x]!;
    let m = 0;
    for (const v of next) m = Math.max(m, v);
    for (let x = 0; x < next.length; x++) next[x]! /= m;
    logScale += maxLog + Math.log(m);
    if (withMoments) forward.push(f);
    f = next;
  }
  const logZ = logScale + Math.log(f[0]!);
  const mean = new Float64Array(n);
  const corr = new Float64Array(model.J.length);
  if (!withMoments) return { logZ, mean: mean.fill(NaN), corr: corr.fill(NaN) };

  // Backward: R_t over the frontier after t; the bag marginal is F_{t−1} · φ_t · R_t.
  let r = new Float64Array([1]);
  for (let t = n - 1; t >= 0; t--) {
    const { bag, kept } = steps[t]!;
    const a = bag.length - 1;
    const v = bag[a]!;
    const { phi } = factor(model, bag, coupling);
    const proj = projection(bag, kept);
    const fPrev = forward[t]!;
    const p = new Float64Array(phi.length);
    const prevR = new Float64Array(2 ** a);
    let total = 0;
    for (let x = 0; x < phi.length; x++) {
      const low = x & ((1 << a) - 1);
      const pr = phi[x]! * r[proj[x]!]!;
      prevR[low]! += pr;
      p[x] = fPrev[low]! * pr;
      total += p[x]!;
    }
    let sv = 0;
    const pairs = bag
      .slice(0, a)
      .map((u, b) => ({ b, e: edgeIndex(model, u, v) }))
      .filter((q) => q.e >= 0);
    const pairSums = new Float64Array(pairs.length);
    for (let x = 0; x < p.length; x++) {
      const w = p[x]! / total;
      const s = x >> a ? 1 : -1;
      sv += s * w;
      for (let q = 0; q < pairs.length; q++) pairSums[q]! += (x >> pairs[q]!.b) & 1 ? s * w : -s * w;
    }
    mean[v] = sv;
    pairs.forEach((q, k) => (corr[q.e] = pairSums[k]!));
    let m = 0;
    for (const x of prevR) m = Math.max(m, x);
    for (let x = 0; x < prevR.length; x++) prevR[x]! /= m;
    r = prevR;
  }
  return { logZ, mean, corr };
}

function edgeIndex(model: IsingModel, u: number, v: number): number {
  for (let q = model.offsets[v]!; q < model.offsets[v + 1]!; q++) if (model.indices[q] === u) return model.csrEdge[q]!;
  return -1;
}
