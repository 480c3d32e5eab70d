// An encoder over a fixed-width feature vector per network (e.g. cgFeatureVector): standardise with
// statistics fitted on the training families, then an MLP trunk. It satisfies TrainableEncoder, so it
// stands in for the k-GNN wherever that is unavailable and serves as the "features + MLP" baseline.
import { tf } from '@cgnas/native/tf';

import { EnsembleInputError } from '../errors.js';
import { MlpHead, type MlpHeadState } from '../heads/mlp-head.js';
import type { EncoderFactory, TrainableEncoder } from './trainable-encoder.js';

export interface FeatureEncoderOptions {
  readonly hidden: readonly number[];
  readonly outputDim: number;
}

export const FEATURE_ENCODER_DEFAULTS: FeatureEncoderOptions = { hidden: [128], outputDim: 64 };

interface FeatureEncoderState {
  readonly width: number;
  readonly mean: number[];
  readonly std: number[];
  readonly trunk: MlpHeadState;
}

export class FeatureEncoder<G> implements TrainableEncoder<G> {
  readonly kind: string;
  readonly outputDim: number;
  private mean: Float32Array;
  private std: Float32Array;
  private readonly trunk: MlpHead;
  constructor(
    kind: string,
    private readonly featurize: (input: G) => Float32Array,
    readonly width: number,
    seed: number,
    options: Partial<FeatureEncoderOptions> = {},
    /** Feature cache keyed by input object; a factory shares one across its encoders. */
    private readonly cache: WeakMap<object, Float32Array> = new WeakMap(),
  ) {
    const o = { ...FEATURE_ENCODER_DEFAULTS, ...options };
    this.kind = kind;
    this.outputDim = o.outputDim;
    this.mean = new Float32Array(width);
    this.std = new Float32Array(width).fill(1);
    // The trunk ends in a hidden layer, so the embedding is non-negative like a GNN readout after ReLU.
    this.trunk = new MlpHead({ inputDim: width, hidden: o.hidden, outputDim: o.outputDim, seed });
  }

  get variables(): readonly tf.Variable[] {
    return this.trunk.variables;
  }

  private features(input: G): Float32Array {
    const key = typeof input === 'object' && input !== null ? (input as object) : null;
    const hit = key ? this.cache.get(key) : undefined;
    if (hit) return hit;
    const f = this.featurize(input);
    if (f.length !== this.width) {
      throw new EnsembleInputError(
        `ensemble.FeatureEncoder.encode: Expected feature vectors of width ${this.width} but received width ${f.length}`,
      );
    }
    if (key) this.cache.set(key, f);
    return f;
  }

  /** Fits the per-feature standardisation on training inputs (constant features keep std 1). */
  adapt(inputs: readonly G[]): void {
    const n = inputs.length;
    const mean = new Float64Array(this.width);
    const sq = new Float64Array(this.width);
    for (const x of inputs) {
      const f = this.features(x);
      for (let j = 0; j < this.width; j++) {
        mean[j] = mean[j]! + f[j]! / n;
        sq[j] = sq[j]! + (f[j]! * f[j]!) / n;
      }
    }
    this.mean = Float32Array.from(mean);
    this.std = Float32Array.from(mean, (m, j) => {
      const s = Math.sqrt(Math.max(0, sq[j]! - m * m));
      return s > 1e-6 ? s : 1;
    });
  }

  encode(inputs: readonly G[]): tf.Tensor2D {
    const x = new Float32Array(inputs.length * this.width);
    inputs.forEach((inp, i) => {
      const f = this.features(inp);
      for (let j = 0; j < this.width; j++) x[i * this.width + j] = (f[j]! - this.mean[j]!) / this.std[j]!;
    });
    return tf.tidy(() => tf.relu(this.trunk.apply(tf.tensor2d(x, [inputs.length, this.width]))));
  }

  getState(): FeatureEncoderState {
    return { width: this.width, mean: Array.from(this.mean), std: Array.from(this.std), trunk: this.trunk.getState() };
  }

  setState(state: unknown): void {
    const s = state as Partial<FeatureEncoderState>;
    if (s.width !== this.width || s.mean?.length !== this.width || s.std?.length !== this.width || !s.trunk) {
      throw new EnsembleInputError(
        `ensemble.FeatureEncoder.setState: Expected a state of feature width ${this.width} but received width ${String(s.width)}`,
      );
    }
    this.mean = Float32Array.from(s.mean);
    this.std = Float32Array.from(s.std);
    this.trunk.setState(s.trunk);
  }

  dispose(): void {
    this.trunk.dispose();
  }
}

/** A factory of FeatureEncoders; it has no contrastive pretraining. */
export function featureEncoderFactory<G>(
  kind: string,
  featurize: (input: G) => Float32Array,
  width: number,
  options: Partial<FeatureEncoderOptions> = {},
): EncoderFactory<G> & { create(seed: number): FeatureEncoder<G> } {
  // One cache for all encoders of the factory: every ensemble member sees the same networks.
  const cache = new WeakMap<object, Float32Array>();
  const create = (seed: number): FeatureEncoder<G> => new FeatureEncoder(kind, featurize, width, seed, options, cache);
  return {
    kind,
    create,
    fromState(state: unknown): FeatureEncoder<G> {
      const s = state as Partial<FeatureEncoderState>;
      const o = { ...FEATURE_ENCODER_DEFAULTS, ...options };
      const sizes = s.trunk?.sizes ?? [];
      const enc = new FeatureEncoder(
        kind,
        featurize,
        width,
        0,
        { ...o, hidden: sizes.slice(1, -1), outputDim: sizes.at(-1) ?? o.outputDim },
        cache,
      );
      enc.setState(state);
      return enc;
    },
  };
}
