// Maximum-likelihood training of a fully visible Boltzmann machine towards a target model, with
// the negative phase from CD-k, PCD-k (Tieleman 2008), SA- or SQA-seeded-k chains, raw annealer
// samples (k = 0) or exact inference (Korenkevych et al. 2016). The positive phase is the target's
// exact moments. With E = θ·φ the log-likelihood gradient is ⟨φ⟩_model − ⟨φ⟩_data, so
// θ ← θ + η(⟨φ⟩_model − ⟨φ⟩_data), i.e. λ ← λ + η(⟨φ⟩_data − ⟨φ⟩_model) for λ = −θ.
import { BoltzmannInputError } from '../errors.js';
import { exactMoments } from '../exact/exact-moments.js';
import type { IsingMoments } from '../exact/ising-moments.js';
import { klDivergence } from '../exact/kl-divergence.js';
import { createIsingModel, type IsingModel } from '../model/ising-model.js';
import { sampleIsing } from '../samplers/sample-ising.js';
import { sampleMoments } from '../samplers/sample-moments.js';

export type Estimator = 'cd' | 'pcd' | 'sa' | 'sqa' | 'raw-sa' | 'raw-sqa' | 'exact';
export const ESTIMATORS: readonly Estimator[] = ['cd', 'pcd', 'sa', 'sqa', 'raw-sa', 'raw-sqa', 'exact'];

export interface TrainOptions {
  readonly estimator: Estimator;
  readonly iterations: number;
  readonly seed: number;
  /** Gibbs sweeps after seeding (forced to 0 for raw-sa / raw-sqa). */
  readonly k: number;
  readonly learningRate: number;
  /** Negative-phase chains (and CD's data samples). */
  readonly chains: number;
  /** Sweeps of the SA / SQA anneal that seeds the chains. */
  readonly annealSweeps: number;
  readonly sqaSlices: number;
  /** Sweeps of parallel tempering that draw CD's data samples from the target. */
  readonly dataSweeps: number;
  readonly backend: 'auto' | 'js' | 'native';
  readonly signal?: AbortSignal;
  readonly onIteration?: (record: TrainRecord) => void;
}

export const TRAIN_DEFAULTS: Omit<TrainOptions, 'estimator' | 'iterations' | 'seed'> = {
  k: 50,
  learningRate: 0.1,
  chains: 500,
  annealSweeps: 50,
  sqaSlices: 8,
  dataSweeps: 2000,
  backend: 'auto',
};

export interface TrainRecord {
  readonly iteration: number;
  /** KL(target ‖ model) before this iteration's update (exact). */
  readonly kl: number;
  /** RMS difference of the estimated and the exact gradient. */
  readonly gradError: number;
  /** Cumulative wall-clock seconds spent in the negative phase (sampling). */
  readonly seconds: number;
  /** Cumulative sweeps per chain (an SQA sweep counts once per slice). */
  readonly sweeps: number;
}

export interface TrainResult {
  readonly estimator: Estimator;
  readonly k: number;
  readonly model: IsingModel;
  readonly history: readonly TrainRecord[];
  readonly finalKl: number;
  readonly meanGradError: number;
  readonly seconds: number;
  readonly cancelled: boolean;
}

/** Draws data samples (chain-major) from the target by parallel tempering. */
export async function targetSamples(
  target: IsingModel,
  chains: number,
  sweeps: number,
  seed: number,
  backend: TrainOptions['backend'],
): Promise<Int8Array> {
  const r = await sampleIsing(target, { method: 'pt', chains, sweeps, seed, replicas: 16, betaMin: 0.05, backend });
  return r.spins;
}

export async function trainBoltzmann(
  target: IsingModel,
  options: Partial<TrainOptions> & Pick<TrainOptions, 'estimator' | 'iterations' | 'seed'>,
  cache: { targetMoments?: IsingMoments; data?: Int8Array } = {},
): Promise<TrainResult> {
  const o: TrainOptions = { ...TRAIN_DEFAULTS, ...options };
  if (!ESTIMATORS.includes(o.estimator)) {
    throw new BoltzmannInputError(
      `boltzmann.trainBoltzmann: Expected one of ${ESTIMATORS.join(', ')} for estimator but received ${String(o.estimator)}`,
    );
  }
  for (const [name, v, min] of [
    ['iterations', o.iterations, 0],
    ['k', o.k, 0],
    ['chains', o.chains, 1],
    ['annealSweeps', o.annealSweeps, 1],
  ] as const) {
    if (!Number.isInteger(v) || v < min)
      throw new BoltzmannInputError(
        `boltzmann.trainBoltzmann: Expected an integer >= ${min} for ${name} but received ${v}`,
      );
  }
  if (!(o.learningRate > 0))
    throw new BoltzmannInputError(
      `boltzmann.trainBoltzmann: Expected a positive number for learningRate but received ${o.learningRate}`,
    );
  const k = o.estimator === 'raw-sa' || o.estimator === 'raw-sqa' || o.estimator === 'exact' ? 0 : o.k;
  // Each estimator gets its own streams: with shared random numbers, heat-bath chains started from
  // different states coalesce (coupling from the past) and every estimator would return one sample.
  const streamBase = o.seed * 100_003 + 7919 * (ESTIMATORS.indexOf(o.estimator) + 1);
  const data = exactTargetMoments(target, cache);
  const { n } = target;
  const m = target.J.length;
  let h = new Float64Array(n);
  let J = new Float64Array(m);
  let model = createIsingModel(target, h, J);
  let persistent: Int8Array | null = null;
  if (o.estimator === 'cd' || o.estimator === 'pcd') {
    cache.data ??= await targetSamples(target, o.chains, o.dataSweeps, o.seed + 1, o.backend);
    persistent = cache.data.slice();
  }
  const history: TrainRecord[] = [];
  let seconds = 0;
  let sweeps = 0;
  let cancelled = false;
  for (let it = 0; it <= o.iterations; it++) {
    const exact = exactMoments(model);
    const kl = klDivergence(target, data, model, exact.logZ);
    if (it === o.iterations) {
      history.push({ iteration: it, kl, gradError: NaN, seconds, sweeps });
      o.onIteration?.(history[history.length - 1]!);
      break;
    }
    const t0 = performance.now();
    // Distinct seeds for the anneal and the Gibbs chains that follow it, or both would replay one stream.
    const seed = 2 * (streamBase * 1009 + it);
    let neg: { mean: Float64Array; corr: Float64Array };
    const common = { chains: o.chains, seed, backend: o.backend, ...(o.signal ? { signal: o.signal } : {}) };
    const gibbs = async (initial: Int8Array) => {
      const r = await sampleIsing(model, { ...common, seed: seed + 1, method: 'gibbs', sweeps: k, initial });
      cancelled ||= r.cancelled;
      sweeps += k;
      return r.spins;
    };
    switch (o.estimator) {
      case 'exact':
        neg = exact;
        break;
      case 'cd':
        neg = sampleMoments(model, await gibbs(cache.data!), o.chains);
        break;
      case 'pcd':
        persistent = await gibbs(persistent!);
        neg = sampleMoments(model, persistent, o.chains);
        break;
      case 'sa':
      case 'raw-sa':
      case 'sqa':
      case 'raw-sqa': {
        const quantum = o.estimator === 'sqa' || o.estimator === 'raw-sqa';
        const seeded = await sampleIsing(model, {
          ...common,
          method: quantum ? 'sqa' : 'sa',
          sweeps: o.annealSweeps,
          slices: o.sqaSlices,
          betaStart: 0.05,
        });
        cancelled ||= seeded.cancelled;
        sweeps += o.annealSweeps * (quantum ? o.sqaSlices : 1);
        neg = sampleMoments(model, k > 0 ? await gibbs(seeded.spins) : seeded.spins, o.chains);
        break;
      }
      default: {
        const never: never = o.estimator;
        throw new BoltzmannInputError(`boltzmann.trainBoltzmann: unknown estimator ${String(never)}`);
      }
    }
    seconds += (performance.now() - t0) / 1000;
    // Gradient of the log-likelihood in θ (E = θ·φ): ⟨φ⟩_model − ⟨φ⟩_data.
    let err = 0;
    const nextH = new Float64Array(n);
    const nextJ = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      const g = neg.mean[i]! - data.mean[i]!;
      err += (g - (exact.mean[i]! - data.mean[i]!)) ** 2;
      nextH[i] = h[i]! + o.learningRate * g;
    }
    for (let e = 0; e < m; e++) {
      const g = neg.corr[e]! - data.corr[e]!;
      err += (g - (exact.corr[e]! - data.corr[e]!)) ** 2;
      nextJ[e] = J[e]! + o.learningRate * g;
    }
    history.push({ iteration: it, kl, gradError: Math.sqrt(err / (n + m)), seconds, sweeps });
    o.onIteration?.(history[history.length - 1]!);
    h = nextH;
    J = nextJ;
    model = createIsingModel(target, h, J);
    if (cancelled) break;
  }
  const grads = history.filter((r) => Number.isFinite(r.gradError)).map((r) => r.gradError);
  return {
    estimator: o.estimator,
    k,
    model,
    history,
    finalKl: history[history.length - 1]!.kl,
    meanGradError: grads.length ? grads.reduce((x, y) => x + y, 0) / grads.length : 0,
    seconds,
    cancelled,
  };
}

function exactTargetMoments(target: IsingModel, cache: { targetMoments?: IsingMoments }): IsingMoments {
  cache.targetMoments ??= exactMoments(target);
  return cache.targetMoments;
}
