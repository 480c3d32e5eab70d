// A multilayer perceptron head on encoder embeddings (GENNAPE's regression and cluster heads):
// Linear -> ReLU -> ... -> Linear, He-initialised from a seeded Rng, weights as plain tfjs variables so
// that fine-tuning, snapshot/restore and persistence see exactly the tensors the head uses.
import { Rng } from '@cgnas/native';
import { tf } from '@cgnas/native/tf';

import { EnsembleInputError } from '../errors.js';

export interface MlpHeadOptions {
  readonly inputDim: number;
  /** Hidden widths; [] makes a linear head. */
  readonly hidden: readonly number[];
  readonly outputDim: number;
  readonly seed: number;
}

export const MLP_HEAD_DEFAULTS: Omit<MlpHeadOptions, 'inputDim'> = { hidden: [64, 32], outputDim: 1, seed: 0 };

/** Serialised weights: per layer the kernel (row-major in x out) and bias. */
export interface MlpHeadState {
  readonly sizes: readonly number[];
  readonly weights: readonly (readonly number[])[];
}

export class MlpHead {
  readonly sizes: readonly number[];
  readonly variables: tf.Variable[];

  constructor(options: Partial<MlpHeadOptions> & { inputDim: number }) {
    const o = { ...MLP_HEAD_DEFAULTS, ...options };
    const sizes = [o.inputDim, ...o.hidden, o.outputDim];
    for (const s of sizes) {
      if (!Number.isInteger(s) || s < 1) {
        throw new EnsembleInputError(
          `ensemble.MlpHead: Expected positive integer layer widths but received ${JSON.stringify(sizes)}`,
        );
      }
    }
    this.sizes = sizes;
    const rng = new Rng(o.seed);
    this.variables = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l]!;
      const fanOut = sizes[l + 1]!;
      const scale = Math.sqrt(2 / fanIn);
      const w = Float32Array.from({ length: fanIn * fanOut }, () => rng.normal() * scale);
      // tidy frees the initial values; variables survive it.
      this.variables.push(
        ...tf.tidy(() => [tf.variable(tf.tensor2d(w, [fanIn, fanOut])), tf.variable(tf.zeros([fanOut]))]),
      );
    }
  }

  get inputDim(): number {
    return this.sizes[0]!;
  }

  /** [batch, inputDim] -> [batch, outputDim]. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    if (x.shape[1] !== this.inputDim) {
      throw new EnsembleInputError(
        `ensemble.MlpHead.apply: Expected embeddings of width ${this.inputDim} but received width ${x.shape[1]}; use the encoder the head was trained with`,
      );
    }
    return tf.tidy(() => {
      let h: tf.Tensor2D = x;
      const layers = this.variables.length / 2;
      for (let l = 0; l < layers; l++) {
        h = tf.add(tf.matMul(h, this.variables[2 * l] as tf.Tensor2D), this.variables[2 * l + 1]!) as tf.Tensor2D;
        if (l + 1 < layers) h = tf.relu(h);
      }
      return h;
    });
  }

  getState(): MlpHeadState {
    return { sizes: [...this.sizes], weights: this.variables.map((v) => Array.from(v.dataSync())) };
  }

  setState(state: MlpHeadState): void {
    if (state.sizes.length !== this.sizes.length || state.sizes.some((s, i) => s !== this.sizes[i])) {
      throw new EnsembleInputError(
        `ensemble.MlpHead.setState: Expected layer widths ${JSON.stringify(this.sizes)} but received ${JSON.stringify(state.sizes)}`,
      );
    }
    this.variables.forEach((v, i) => {
      const w = state.weights[i];
      if (!w || w.length !== v.size) {
        throw new EnsembleInputError(
          `ensemble.MlpHead.setState: Expected ${v.size} weights for tensor ${i} but received ${w?.length}`,
        );
      }
      tf.tidy(() => v.assign(tf.tensor(w, v.shape)));
    });
  }

  static fromState(state: MlpHeadState): MlpHead {
    const head = new MlpHead({
      inputDim: state.sizes[0]!,
      hidden: state.sizes.slice(1, -1),
      outputDim: state.sizes.at(-1)!,
    });
    head.setState(state);
    return head;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
