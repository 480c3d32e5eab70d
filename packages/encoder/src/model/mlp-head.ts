// A small MLP on graph embeddings: the regression head of GENNAPE's predictor (and of the encoder
// benchmark) and the projection head of contrastive pretraining (SimCLR, Chen et al. 2020).
import { Rng } from '@cgnas/native';
import { tf } from '@cgnas/native/tf';

import { EncoderInputError, EncoderStateError } from '../errors.js';
import type { NamedWeights } from './graph-encoder.js';

export type MlpActivation = 'linear' | 'relu' | 'elu' | 'sigmoid';

export interface MlpHeadConfig {
  /** Layer widths, input first: [32, 32, 1] is two dense layers 32→32→1. Default [32, 32, 32]. */
  readonly units: readonly number[];
  /** One activation per dense layer. Default: relu, then linear for the last. */
  readonly activations?: readonly MlpActivation[];
  /** Seed of the weight initialisation. Default 0. */
  readonly seed?: number;
}

/**
 * Dense layers y = act(x W + b), weights U(±1/√fan_in) like torch.nn.Linear.
 * Shapes: input [B, units[0]] → output [B, units[last]]. Call dispose() when done.
 */
export class MlpHead {
  readonly units: readonly number[];
  readonly activations: readonly MlpActivation[];
  private readonly weights: tf.Variable[] = [];
  private readonly biases: tf.Variable[] = [];
  private disposed = false;

  constructor(config: MlpHeadConfig = { units: [32, 32, 32] }) {
    const units = config.units;
    if (!Array.isArray(units) || units.length < 2 || units.some((u) => !Number.isInteger(u) || u < 1)) {
      throw new EncoderInputError(
        `encoder.MlpHead: Expected at least two positive integer widths for units but received ${JSON.stringify(units)}`,
      );
    }
    const layers = units.length - 1;
    const activations =
      config.activations ?? Array.from({ length: layers }, (_, i) => (i < layers - 1 ? 'relu' : 'linear'));
    if (activations.length !== layers) {
      throw new EncoderInputError(
        `encoder.MlpHead: Expected ${layers} activations for units ${JSON.stringify(units)} but received ${activations.length}`,
      );
    }
    this.units = [...units];
    this.activations = [...activations];
    const rng = new Rng(config.seed ?? 0, 1);
    tf.tidy(() => {
      for (let l = 0; l < layers; l++) {
        const fanIn = units[l]!;
        const a = 1 / Math.sqrt(fanIn);
        const w = new Float32Array(fanIn * units[l + 1]!).map(() => rng.uniform(-a, a));
        const b = new Float32Array(units[l + 1]!).map(() => rng.uniform(-a, a));
        this.weights.push(tf.variable(tf.tensor2d(w, [fanIn, units[l + 1]!]), true));
        this.biases.push(tf.variable(tf.tensor1d(b), true));
      }
    });
  }

  /** [B, units[0]] → [B, units[last]]. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    this.assertLive();
    return tf.tidy(() => {
      let h = x;
      for (let l = 0; l < this.weights.length; l++) {
        const act = this.activations[l]!;
        h = tf.fused.matMul({ a: h, b: this.weights[l]!, bias: this.biases[l]!, activation: act }) as tf.Tensor2D;
      }
      return h;
    });
  }

  variables(): tf.Variable[] {
    this.assertLive();
    return [...this.weights, ...this.biases];
  }

  getWeights(): NamedWeights[] {
    this.assertLive();
    return [
      ...this.weights.map((w, l) => ({
        name: `w${l}`,
        shape: w.shape,
        values: (w.dataSync() as Float32Array).slice(),
      })),
      ...this.biases.map((b, l) => ({ name: `b${l}`, shape: b.shape, values: (b.dataSync() as Float32Array).slice() })),
    ];
  }

  setWeights(weights: readonly NamedWeights[]): void {
    this.assertLive();
    const all = [
      ...this.weights.map((v, l) => [`w${l}`, v] as const),
      ...this.biases.map((v, l) => [`b${l}`, v] as const),
    ];
    for (const [name, v] of all) {
      const w = weights.find((x) => x.name === name);
      if (!w || w.values.length !== v.size) {
        throw new EncoderInputError(
          `encoder.MlpHead.setWeights: Expected weights ${name} of shape [${v.shape.join(', ')}] but received none or another size`,
        );
      }
      const t = tf.tensor(w.values, v.shape);
      v.assign(t);
      t.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of [...this.weights, ...this.biases]) v.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new EncoderStateError('encoder.MlpHead: used after dispose(); create a new head');
  }
}
