// Samplers for Ising models on the shared sweep kernel (C++ or its JS twin): Gibbs (sequential or
// two-colour), simulated annealing (geometric β schedule), simulated quantum annealing (path-integral
// Monte Carlo, Martoňák et al. 2002: P Trotter slices at β/P, J⊥ = −½ ln tanh(βΓ/P)) and parallel
// tempering (Swendsen & Wang 1986). Many chains at once; chain c's randomness derives from (seed, c).
import { getIsingSweep, Rng, type IsingSweepKernel, type SweepProposal } from '@cgnas/native';

import { BoltzmannInputError } from '../errors.js';
import type { IsingModel } from '../model/ising-model.js';
import { twoColouring } from './two-colouring.js';

export type SamplerMethod = 'gibbs' | 'sa' | 'sqa' | 'pt';

export interface SampleOptions {
  readonly method: SamplerMethod;
  readonly chains: number;
  /** Sweeps (per replica for pt). 0 returns the initial states. */
  readonly sweeps: number;
  readonly seed: number;
  /** Inverse temperature of the target distribution P ∝ exp(−β E). */
  readonly beta: number;
  /** Gibbs visit order: index order, or both colour classes in turn (bipartite graphs only). */
  readonly order: 'sequential' | 'checkerboard';
  readonly proposal: SweepProposal;
  /** SA: β rises geometrically from betaStart to beta. */
  readonly betaStart: number;
  /** SQA: Trotter slices and the transverse field, falling linearly from gammaStart to gammaEnd. */
  readonly slices: number;
  readonly gammaStart: number;
  readonly gammaEnd: number;
  /** PT: replicas at β geometric in [betaMin, beta]; a swap round every swapEvery sweeps. */
  readonly replicas: number;
  readonly betaMin: number;
  readonly swapEvery: number;
  /** Initial spins, chain-major [spin][chain] (length n·chains); uniform random when null. */
  readonly initial: Int8Array | null;
  readonly backend: 'auto' | 'js' | 'native';
  readonly signal?: AbortSignal;
  /** Called with the fraction done after each chunk of sweeps. */
  readonly onProgress?: (fraction: number) => void;
  /** Sweeps per kernel call (progress and cancel granularity). */
  readonly chunk: number;
}

export const SAMPLE_DEFAULTS: Omit<SampleOptions, 'method' | 'chains' | 'sweeps' | 'seed'> = {
  beta: 1,
  order: 'sequential',
  proposal: 'heat-bath',
  betaStart: 0.05,
  slices: 16,
  gammaStart: 3,
  gammaEnd: 0.02,
  replicas: 8,
  betaMin: 0.1,
  swapEvery: 1,
  initial: null,
  backend: 'auto',
  chunk: 1000,
};

export interface SampleResult {
  /** Final spins, chain-major [spin][chain]: spins[i·chains + c]. For sqa, slice 0; for pt, the β = beta replica. */
  readonly spins: Int8Array;
  readonly n: number;
  readonly chains: number;
  /** β used in each sweep, and Γ for sqa. */
  readonly schedule: { readonly beta: Float64Array; readonly gamma: Float64Array | null };
  readonly ns: number;
  readonly sweepsDone: number;
  readonly cancelled: boolean;
  readonly backend: 'js' | 'native';
  /** pt: fraction of accepted swaps. */
  readonly swapRate: number | null;
}

/** Inter-slice coupling of the Suzuki-Trotter mapping, in units of the exponent (positive = ferromagnetic). */
export function trotterCoupling(beta: number, gamma: number, slices: number): number {
  return -0.5 * Math.log(Math.tanh((beta * gamma) / slices));
}

function check(ok: boolean, what: string, param: string, value: unknown): void {
  if (!ok)
    throw new BoltzmannInputError(`boltzmann.sampleIsing: Expected ${what} for ${param} but received ${String(value)}`);
}

function chunkSeed(seed: number, call: number): number {
  const r = new Rng(seed, call + 1);
  return (r.nextUint32() & 0x1fffff) * 2 ** 32 + r.nextUint32();
}

export async function sampleIsing(
  model: IsingModel,
  options: Partial<SampleOptions> & Pick<SampleOptions, 'method' | 'chains' | 'sweeps' | 'seed'>,
): Promise<SampleResult> {
  const o: SampleOptions = { ...SAMPLE_DEFAULTS, ...options };
  const { n } = model;
  check(Number.isInteger(o.chains) && o.chains >= 1, 'a positive integer', 'chains', o.chains);
  check(Number.isInteger(o.sweeps) && o.sweeps >= 0, 'a non-negative integer', 'sweeps', o.sweeps);
  check(Number.isSafeInteger(o.seed) && o.seed >= 0, 'a non-negative safe integer', 'seed', o.seed);
  check(Number.isFinite(o.beta) && o.beta > 0, 'a positive number', 'beta', o.beta);
  check(Number.isInteger(o.chunk) && o.chunk >= 1, 'a positive integer', 'chunk', o.chunk);
  check(
    o.initial === null || (o.initial instanceof Int8Array && o.initial.length === n * o.chains),
    `an Int8Array of length ${n * o.chains} or null`,
    'initial',
    o.initial?.length,
  );
  const kernel: IsingSweepKernel | null = o.backend === 'auto' ? getIsingSweep() : getIsingSweep(o.backend);
  if (!kernel)
    throw new BoltzmannInputError(
      "boltzmann.sampleIsing: Expected an available backend but the native addon is not loaded; use backend 'js' or 'auto'",
    );
  const rng = new Rng(o.seed, 0x5a);
  const initial = o.initial ?? Int8Array.from({ length: n * o.chains }, () => (rng.nextUint32() & 1 ? 1 : -1));
  const base = {
    n,
    offsets: model.offsets,
    indices: model.indices,
    weights: Float32Array.from(model.csrEdge, (e) => model.J[e]!),
    h: Float32Array.from(model.h),
    proposal: o.proposal,
    order: null as Int32Array | null,
    chainScale: null as Float32Array | null,
  };

  switch (o.method) {
    case 'gibbs':
    case 'sa': {
      let order: Int32Array | null = null;
      if (o.order === 'checkerboard') {
        const colour = twoColouring(model);
        if (!colour)
          throw new BoltzmannInputError(
            "boltzmann.sampleIsing: Expected a bipartite graph for order 'checkerboard'; use order 'sequential'",
          );
        order = Int32Array.from([...Array(n).keys()].sort((a, b) => colour[a]! - colour[b]! || a - b));
      }
      check(
        o.method === 'gibbs' || (Number.isFinite(o.betaStart) && o.betaStart > 0),
        'a positive number',
        'betaStart',
        o.betaStart,
      );
      const beta = Float64Array.from({ length: o.sweeps }, (_, t) =>
        o.method === 'gibbs' || o.sweeps === 1
          ? o.beta
          : o.betaStart * Math.pow(o.beta / o.betaStart, t / (o.sweeps - 1)),
      );
      const state = initial.slice();
      const r = await runChunks(
        kernel,
        { ...base, order, chains: o.chains, slices: 1, state },
        beta,
        new Float64Array(o.sweeps),
        o,
      );
      return {
        spins: state,
        n,
        chains: o.chains,
        schedule: { beta, gamma: null },
        backend: kernel.backend,
        swapRate: null,
        ...r,
      };
    }
    case 'sqa': {
      const P = o.slices;
      check(Number.isInteger(P) && P >= 2 && P <= 1024, 'an integer in [2, 1024]', 'slices', P);
      check(
        o.gammaStart > 0 && o.gammaEnd > 0 && Number.isFinite(o.gammaStart),
        'positive transverse fields',
        'gammaStart/gammaEnd',
        `${o.gammaStart}/${o.gammaEnd}`,
      );
      const gamma = Float64Array.from({ length: o.sweeps }, (_, t) =>
        o.sweeps === 1 ? o.gammaEnd : o.gammaStart + ((o.gammaEnd - o.gammaStart) * t) / (o.sweeps - 1),
      );
      const a = new Float64Array(o.sweeps).fill(o.beta / P);
      const b = gamma.map((g) => trotterCoupling(o.beta, g, P));
      const state = new Int8Array(P * n * o.chains);
      for (let k = 0; k < P; k++) state.set(initial, k * n * o.chains);
      const r = await runChunks(kernel, { ...base, chains: o.chains, slices: P, state }, a, b, o);
      return {
        spins: state.slice(0, n * o.chains),
        n,
        chains: o.chains,
        schedule: { beta: new Float64Array(o.sweeps).fill(o.beta), gamma },
        backend: kernel.backend,
        swapRate: null,
        ...r,
      };
    }
    case 'pt':
      return parallelTempering(model, kernel, base, initial, o);
    default: {
      const never: never = o.method;
      throw new BoltzmannInputError(
        `boltzmann.sampleIsing: Expected 'gibbs', 'sa', 'sqa' or 'pt' for method but received ${String(never)}`,
      );
    }
  }
}

type SweepBase = Omit<Parameters<IsingSweepKernel['sweep']>[0], 'classicalScale' | 'sliceCoupling' | 'seed' | 'signal'>;

async function runChunks(
  kernel: IsingSweepKernel,
  args: SweepBase,
  a: Float64Array,
  b: Float64Array,
  o: SampleOptions,
): Promise<{ ns: number; sweepsDone: number; cancelled: boolean }> {
  let ns = 0;
  let done = 0;
  for (let start = 0, call = 0; start < a.length || (a.length === 0 && call === 0); start += o.chunk, call++) {
    const end = Math.min(a.length, start + o.chunk);
    const r = await kernel.sweep({
      ...args,
      classicalScale: a.subarray(start, end),
      sliceCoupling: b.subarray(start, end),
      seed: chunkSeed(o.seed, call),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    ns += r.ns;
    done += r.sweepsDone;
    o.onProgress?.(a.length ? end / a.length : 1);
    if (r.cancelled) return { ns, sweepsDone: done, cancelled: true };
    if (a.length === 0) break;
    // The JS twin computes a chunk synchronously: give timers and I/O (an abort, a progress bar) a
    // turn between chunks, as the native AsyncWorker does by running off the main thread.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { ns, sweepsDone: done, cancelled: false };
}

function energies(model: IsingModel, state: Int8Array, chains: number, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < model.n; i++) {
    const hi = model.h[i]!;
    for (let c = 0; c < chains; c++) out[c]! += hi * state[i * chains + c]!;
  }
  for (let e = 0; e < model.J.length; e++) {
    const w = model.J[e]!;
    const ri = model.edgeI[e]! * chains;
    const rj = model.edgeJ[e]! * chains;
    for (let c = 0; c < chains; c++) out[c]! += w * state[ri + c]! * state[rj + c]!;
  }
}

async function parallelTempering(
  model: IsingModel,
  kernel: IsingSweepKernel,
  base: SweepBase extends infer T ? Omit<T, 'chains' | 'slices' | 'state'> : never,
  initial: Int8Array,
  o: SampleOptions,
): Promise<SampleResult> {
  const R = o.replicas;
  const { n, chains } = { n: model.n, chains: o.chains };
  check(Number.isInteger(R) && R >= 2 && R <= 256, 'an integer in [2, 256]', 'replicas', R);
  check(o.betaMin > 0 && o.betaMin < o.beta, `a number in (0, ${o.beta})`, 'betaMin', o.betaMin);
  check(Number.isInteger(o.swapEvery) && o.swapEvery >= 1, 'a positive integer', 'swapEvery', o.swapEvery);
  const betas = Float64Array.from({ length: R }, (_, r) => o.betaMin * Math.pow(o.beta / o.betaMin, r / (R - 1)));
  // Kernel chain q = r·chains + c is replica slot q; temp[q] is the β index it currently holds.
  const total = R * chains;
  const state = new Int8Array(n * total);
  for (let i = 0; i < n; i++)
    for (let r = 0; r < R; r++) state.set(initial.subarray(i * chains, (i + 1) * chains), i * total + r * chains);
  const temp = Int32Array.from({ length: total }, (_, q) => Math.floor(q / chains));
  const slotOf = Int32Array.from({ length: total }, (_, q) => q); // slotOf[r·chains + c] = slot holding β_r of chain c
  const rng = new Rng(o.seed, 0x7e);
  const energy = new Float64Array(total);
  let ns = 0;
  let done = 0;
  let accepted = 0;
  let attempted = 0;
  const rounds = Math.ceil(o.sweeps / o.swapEvery);
  for (let round = 0; round < rounds; round++) {
    const sweeps = Math.min(o.swapEvery, o.sweeps - round * o.swapEvery);
    const r = await kernel.sweep({
      ...base,
      chains: total,
      slices: 1,
      state,
      classicalScale: new Float64Array(sweeps).fill(1),
      sliceCoupling: new Float64Array(sweeps),
      chainScale: Float32Array.from(temp, (t) => betas[t]!),
      seed: chunkSeed(o.seed, round),
      ...(o.signal ? { signal: o.signal } : {}),
    });
    ns += r.ns;
    done += r.sweepsDone;
    if (r.cancelled) break;
    energies(model, state, total, energy);
    for (let c = 0; c < chains; c++) {
      for (let k = round % 2; k + 1 < R; k += 2) {
        const qa = slotOf[k * chains + c]!;
        const qb = slotOf[(k + 1) * chains + c]!;
        attempted++;
        const logAccept = (betas[k + 1]! - betas[k]!) * (energy[qb]! - energy[qa]!);
        if (logAccept >= 0 || rng.float() < Math.exp(logAccept)) {
          accepted++;
          temp[qa] = k + 1;
          temp[qb] = k;
          slotOf[k * chains + c] = qb;
          slotOf[(k + 1) * chains + c] = qa;
        }
      }
    }
    o.onProgress?.(Math.min(1, ((round + 1) * o.swapEvery) / Math.max(1, o.sweeps)));
  }
  const spins = new Int8Array(n * chains);
  for (let c = 0; c < chains; c++) {
    const q = slotOf[(R - 1) * chains + c]!;
    for (let i = 0; i < n; i++) spins[i * chains + c] = state[i * total + q]!;
  }
  return {
    spins,
    n,
    chains,
    schedule: { beta: betas, gamma: null },
    ns,
    sweepsDone: done,
    cancelled: done < o.sweeps,
    backend: kernel.backend,
    swapRate: attempted ? accepted / attempted : null,
  };
}
