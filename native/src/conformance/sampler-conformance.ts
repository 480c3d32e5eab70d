// One statistical conformance suite for every Ising sweep kernel (JS twin, C++): spin marginals and
// pair correlations of many independent chains must match exact enumeration (float64, brute force
// here, independent of any sampler code) within 5 standard errors.
import { describe, expect, it } from 'vitest';

import { NativeInputError } from '../errors.js';
import { Rng } from '../random/rng.js';
import type { IsingSweepArgs, IsingSweepKernel, SweepProposal } from '../samplers/ising-sweep-types.js';

interface TestProblem {
  readonly n: number;
  readonly edges: ReadonlyArray<readonly [number, number, number]>;
  readonly h: readonly number[];
}

interface Csr {
  offsets: Int32Array;
  indices: Int32Array;
  weights: Float32Array;
  h: Float32Array;
}

function toCsr(p: TestProblem): Csr {
  const adj: Array<Array<[number, number]>> = Array.from({ length: p.n }, () => []);
  for (const [i, j, w] of p.edges) {
    adj[i]!.push([j, w]);
    adj[j]!.push([i, w]);
  }
  const offsets = new Int32Array(p.n + 1);
  for (let i = 0; i < p.n; i++) offsets[i + 1] = offsets[i]! + adj[i]!.length;
  const indices = new Int32Array(offsets[p.n]!);
  const weights = new Float32Array(offsets[p.n]!);
  let e = 0;
  for (const row of adj) {
    for (const [j, w] of row) {
      indices[e] = j;
      weights[e++] = w;
    }
  }
  return { offsets, indices, weights, h: Float32Array.from(p.h) };
}

/** Brute-force ⟨s_i⟩ and ⟨s_i s_j⟩ (for the listed pairs) of P ∝ exp(−β E), float64. */
function exactMoments(p: TestProblem, beta: number, pairs: ReadonlyArray<readonly [number, number]>) {
  const hf = p.h.map((x) => Math.fround(x));
  const ef = p.edges.map(([i, j, w]) => [i, j, Math.fround(w)] as const);
  const energies = new Float64Array(2 ** p.n);
  let minE = Infinity;
  const s = new Int8Array(p.n);
  for (let x = 0; x < 2 ** p.n; x++) {
    for (let i = 0; i < p.n; i++) s[i] = (x >> i) & 1 ? 1 : -1;
    let e = 0;
    for (let i = 0; i < p.n; i++) e += hf[i]! * s[i]!;
    for (const [i, j, w] of ef) e += w * s[i]! * s[j]!;
    energies[x] = beta * e;
    minE = Math.min(minE, beta * e);
  }
  let z = 0;
  const m = new Float64Array(p.n);
  const c = new Float64Array(pairs.length);
  for (let x = 0; x < 2 ** p.n; x++) {
    const w = Math.exp(minE - energies[x]!);
    z += w;
    for (let i = 0; i < p.n; i++) m[i]! += (x >> i) & 1 ? w : -w;
    pairs.forEach(([i, j], q) => {
      c[q]! += ((x >> i) & 1) === ((x >> j) & 1) ? w : -w;
    });
  }
  return { m: m.map((v) => v / z), c: c.map((v) => v / z) };
}

/** Largest |z-score| of chain-average statistics against exact values (independent chains). */
function maxZ(
  state: Int8Array,
  chains: number,
  chainSel: (c: number) => boolean,
  spin: (i: number) => number,
  exact: { m: Float64Array; c: Float64Array },
  pairs: ReadonlyArray<readonly [number, number]>,
): number {
  let count = 0;
  for (let ch = 0; ch < chains; ch++) if (chainSel(ch)) count++;
  let worst = 0;
  const check = (sum: number, mean: number) => {
    const se = Math.sqrt(Math.max(1 - mean * mean, 1e-3) / count);
    worst = Math.max(worst, Math.abs(sum / count - mean) / se);
  };
  exact.m.forEach((mi, i) => {
    let sum = 0;
    for (let ch = 0; ch < chains; ch++) if (chainSel(ch)) sum += state[spin(i) * chains + ch]!;
    check(sum, mi);
  });
  pairs.forEach(([i, j], q) => {
    let sum = 0;
    for (let ch = 0; ch < chains; ch++)
      if (chainSel(ch)) sum += state[spin(i) * chains + ch]! * state[spin(j) * chains + ch]!;
    check(sum, exact.c[q]!);
  });
  return worst;
}

function randomState(length: number, seed: number): Int8Array {
  const rng = new Rng(seed, 999);
  return Int8Array.from({ length }, () => (rng.nextUint32() & 1 ? 1 : -1));
}

/** 4×4 open grid (bipartite, n = 16) with random couplings and fields. */
function gridProblem(seed: number): TestProblem {
  const rng = new Rng(seed);
  const edges: Array<[number, number, number]> = [];
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      const i = r * 4 + c;
      if (c < 3) edges.push([i, i + 1, rng.uniform(-0.8, 0.8)]);
      if (r < 3) edges.push([i, i + 4, rng.uniform(-0.8, 0.8)]);
    }
  }
  return { n: 16, edges, h: Array.from({ length: 16 }, () => rng.uniform(-0.6, 0.6)) };
}

function args(p: TestProblem, over: Partial<IsingSweepArgs> & { chains: number; sweeps: number }): IsingSweepArgs {
  const csr = toCsr(p);
  const slices = over.slices ?? 1;
  return {
    n: p.n,
    ...csr,
    slices,
    state: over.state ?? randomState(slices * p.n * over.chains, 5),
    classicalScale: over.classicalScale ?? new Float64Array(over.sweeps).fill(1),
    sliceCoupling: over.sliceCoupling ?? new Float64Array(over.sweeps),
    chainScale: null,
    order: null,
    proposal: 'heat-bath',
    seed: 17,
    ...over,
  };
}

export function describeSamplerConformance(label: string, getKernel: () => IsingSweepKernel | null): void {
  // Each statistical test runs thousands of chains; the JS twin needs ~1 s for one, which becomes
  // 5–10 s on the shared machine under load, past vitest's default 5 s limit.
  describe(`Ising sweep conformance: ${label}`, { timeout: 30_000 }, () => {
    const kernel = (): IsingSweepKernel => {
      const k = getKernel();
      if (!k) throw new Error(`${label} sweep kernel is not available`);
      return k;
    };
    const p = gridProblem(3);
    const pairs = p.edges.map(([i, j]) => [i, j] as const);
    const chains = 6000;
    const sweeps = 40;
    /** Largest z-score of the chains' moments (those `keep` selects) against the exact ones at β. */
    const zAt = (state: Int8Array, beta: number, keep: (chain: number) => boolean = () => true): number =>
      maxZ(state, chains, keep, (i) => i, exactMoments(p, beta, pairs), pairs);

    for (const proposal of ['heat-bath', 'metropolis'] as SweepProposal[]) {
      it(`${proposal} Gibbs at β = 1 matches exact marginals and edge correlations (n = 16)`, async () => {
        const a = args(p, { chains, sweeps, proposal });
        const res = await kernel().sweep(a);
        expect(res.sweepsDone).toBe(sweeps);
        expect(res.cancelled).toBe(false);
        expect(res.ns).toBeGreaterThan(0);
        const z = zAt(a.state, 1);
        expect(z).toBeLessThan(5);
      });
    }

    it('detects a wrong temperature (the test has power)', async () => {
      const a = args(p, { chains, sweeps, classicalScale: new Float64Array(sweeps).fill(0.6) });
      await kernel().sweep(a);
      expect(zAt(a.state, 1)).toBeGreaterThan(6);
    });

    it('two-colour order (checkerboard half-sweeps) on the bipartite grid matches exact', async () => {
      const order = Int32Array.from([...Array(16).keys()].sort((x, y) => (((x >> 2) + x) & 1) - (((y >> 2) + y) & 1)));
      const a = args(p, { chains, sweeps, order });
      await kernel().sweep(a);
      expect(zAt(a.state, 1)).toBeLessThan(5);
    });

    it('per-chain scales give each chain its own temperature (tempering)', async () => {
      const chainScale = Float32Array.from({ length: chains }, (_, c) => (c % 2 ? 0.5 : 1));
      const a = args(p, { chains, sweeps, chainScale });
      await kernel().sweep(a);
      expect(zAt(a.state, 1, (c) => c % 2 === 0)).toBeLessThan(5);
      expect(zAt(a.state, 0.5, (c) => c % 2 === 1)).toBeLessThan(5);
    });

    it('an annealing schedule ending at β = 1.2 ends in the Gibbs distribution at 1.2', async () => {
      const s = 60;
      const schedule = Float64Array.from({ length: s }, (_, t) => 0.1 * Math.pow(12, Math.min(1, t / (s - 20))));
      const a = args(p, { chains, sweeps: s, classicalScale: schedule });
      await kernel().sweep(a);
      expect(zAt(a.state, 1.2)).toBeLessThan(5);
    });

    it('Trotter slices: each slice and the inter-slice correlations match the exact layered model', async () => {
      // K4 with P = 4 slices on a ring: the extended 16-spin model is enumerated directly.
      const base: TestProblem = {
        n: 4,
        edges: [
          [0, 1, 0.9],
          [0, 2, -0.7],
          [0, 3, 0.4],
          [1, 2, 0.6],
          [1, 3, -0.5],
          [2, 3, 0.8],
        ],
        h: [0.3, -0.4, 0.2, 0.1],
      };
      const P = 4;
      // Weak enough that 40 sweeps mix (strong a·P locks the slices into one basin).
      const a0 = 0.3;
      const b0 = 0.3;
      const ext: TestProblem = {
        n: 16,
        edges: [
          ...[0, 1, 2, 3].flatMap((k) =>
            base.edges.map(([i, j, w]) => [k * 4 + i, k * 4 + j, a0 * Math.fround(w)] as [number, number, number]),
          ),
          ...[0, 1, 2, 3].flatMap((k) =>
            [0, 1, 2, 3].map((i) => [k * 4 + i, ((k + 1) % P) * 4 + i, -b0] as [number, number, number]),
          ),
        ],
        h: [0, 1, 2, 3].flatMap(() => base.h.map((x) => a0 * Math.fround(x))),
      };
      const extPairs = ext.edges.map(([i, j]) => [i, j] as const);
      const exact = exactMoments(ext, 1, extPairs);
      const a = args(base, {
        chains,
        sweeps,
        slices: P,
        classicalScale: new Float64Array(sweeps).fill(a0),
        sliceCoupling: new Float64Array(sweeps).fill(b0),
      });
      await kernel().sweep(a);
      expect(
        maxZ(
          a.state,
          chains,
          () => true,
          (i) => i,
          exact,
          extPairs,
        ),
      ).toBeLessThan(5);
    });

    it('sweeps = 0 returns the initial states unchanged', async () => {
      const a = args(p, { chains: 37, sweeps: 0 });
      const before = a.state.slice();
      const res = await kernel().sweep(a);
      expect(res.sweepsDone).toBe(0);
      expect(Array.from(a.state)).toEqual(Array.from(before));
    });

    it('is reproducible for a seed, and different seeds give different chains', async () => {
      const run = async (seed: number) => {
        const a = args(p, { chains: 50, sweeps: 5, seed });
        await kernel().sweep(a);
        return Array.from(a.state);
      };
      expect(await run(1)).toEqual(await run(1));
      expect(await run(1)).not.toEqual(await run(2));
    });

    it('an aborted signal stops the run between sweeps', async () => {
      const controller = new AbortController();
      controller.abort();
      const a = args(p, { chains: 20, sweeps: 50, signal: controller.signal });
      const before = a.state.slice();
      const res = await kernel().sweep(a);
      expect(res.cancelled).toBe(true);
      expect(res.sweepsDone).toBe(0);
      expect(Array.from(a.state)).toEqual(Array.from(before));
    });

    it('rejects malformed input with NativeInputError', async () => {
      const good = args(p, { chains: 4, sweeps: 1 });
      const bad: Array<Partial<IsingSweepArgs>> = [
        { state: new Int8Array(3) },
        { state: new Int8Array(64) },
        { indices: Int32Array.from(good.indices, () => 99) },
        { order: new Int32Array(16) },
        { sliceCoupling: new Float64Array(3) },
        { seed: -1 },
      ];
      for (const over of bad) {
        await expect(kernel().sweep({ ...good, ...over })).rejects.toBeInstanceOf(NativeInputError);
      }
    });
  });
}
