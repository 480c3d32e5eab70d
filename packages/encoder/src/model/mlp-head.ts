// A small MLP on graph embeddings: the regression head of GENNAPE's predictor (and of the encoder
// benchmark) and the projection head of contrastive pretraining (SimCLR, Chen et al. 2020).
import { gemm, Rng } from '@cgnas/native';
import { tf } from '@cgnas/native/tf';

import { EncoderInputError, EncoderStateError } from '../errors.js';
import type { NamedWeights } from './graph-encoder.js';

export type MlpActivation = 'linear' | 'relu' | 'elu' | 'sigmoid';

function float32Of(t: tf.Tensor): Float32Array {
  const data = t.dataSync();
  if (!(data instanceof Float32Array))
    throw new EncoderInputError(`encoder.MlpHead.apply: Expected float32 tensors but received ${t.dtype}`);
  return data;
}

/** In place, as tfjs defines them (elu: e^x − 1 below 0; sigmoid: 1 / (1 + e^−x)). */
function activate(act: MlpActivation, y: Float32Array): void {
  switch (act) {
    case 'linear':
      return;
    case 'relu':
      for (let i = 0; i < y.length; i++) if (!(y[i]! > 0)) y[i] = y[i]! === y[i]! ? 0 : y[i]!;
      return;
    case 'elu':
      for (let i = 0; i < y.length; i++) if (y[i]! < 0) y[i] = Math.exp(y[i]!) - 1;
      return;
    case 'sigmoid':
      for (let i = 0; i < y.length; i++) y[i] = 1 / (1 + Math.exp(-y[i]!));
      return;
    default: {
      const never: never = act;
      throw new EncoderInputError(`encoder.MlpHead: unknown activation ${String(never)}`);
    }
  }
}

/** d ← d ⊙ act'(z), written with the layer output y = act(z). */
function activationGrad(act: MlpActivation, y: Float32Array, d: Float32Array): void {
  switch (act) {
    case 'linear':
      return;
    case 'relu':
      for (let i = 0; i < d.length; i++) if (!(y[i]! > 0)) d[i] = 0;
      return;
    case 'elu':
      for (let i = 0; i < d.length; i++) if (y[i]! < 0) d[i] = d[i]! * (y[i]! + 1);
      return;
    case 'sigmoid':
      for (let i = 0; i < d.length; i++) d[i] = d[i]! * y[i]! * (1 - y[i]!);
      return;
    default: {
      const never: never = act;
      throw new EncoderInputError(`encoder.MlpHead: unknown activation ${String(never)}`);
    }
  }
}

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
    const known: readonly string[] = ['linear', 'relu', 'elu', 'sigmoid'];
    const unknown = activations.find((a) => !known.includes(a));
    if (unknown !== undefined) {
      throw new EncoderInputError(
        `encoder.MlpHead: Expected activations from ${known.join(', ')} but received ${JSON.stringify(unknown)}`,
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

  /**
   * [B, units[0]] → [B, units[last]]. Forward and backward of the whole stack are one tfjs op
   * (tf.customGrad) whose matmuls run on @cgnas/native's gemm: the ~25 small tfjs ops of a 5-layer
   * head cost more per training step than its arithmetic.
   */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    this.assertLive();
    if (x.rank !== 2 || x.shape[1] !== this.units[0]) {
      throw new EncoderInputError(
        `encoder.MlpHead.apply: Expected input of shape [B, ${this.units[0]}] but received [${x.shape.join(', ')}]`,
      );
    }
    const L = this.weights.length;
    const rows = x.shape[0];
    const units = this.units;
    const activations = this.activations;
    const op = tf.customGrad((...args: unknown[]) => {
      const inputs = args as tf.Tensor[];
      const ws = inputs.slice(1, L + 1).map(float32Of);
      // tf.customGrad appends a `save` callback after the tensors.
      const bs = inputs.slice(L + 1, 2 * L + 1).map(float32Of);
      // outs[l] is the input of layer l; outs[L] the output (activation derivatives need only outputs).
      const outs: Float32Array[] = [float32Of(inputs[0]!)];
      for (let l = 0; l < L; l++) {
        const n = units[l + 1]!;
        const y = new Float32Array(rows * n);
        const b = bs[l]!;
        for (let r = 0; r < rows; r++) y.set(b, r * n);
        gemm(rows, n, units[l]!, outs[l]!, ws[l]!, y, { beta: 1 });
        activate(activations[l]!, y);
        outs.push(y);
      }
      return {
        value: tf.tensor2d(outs[L]!, [rows, units[L]!]),
        gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
          let d: Float32Array = float32Of(Array.isArray(dy) ? dy[0]! : dy).slice();
          const dWs: tf.Tensor[] = new Array<tf.Tensor>(L);
          const dBs: tf.Tensor[] = new Array<tf.Tensor>(L);
          for (let l = L - 1; l >= 0; l--) {
            const [k, n] = [units[l]!, units[l + 1]!];
            activationGrad(activations[l]!, outs[l + 1]!, d);
            const dW = gemm(k, n, rows, outs[l]!, d, new Float32Array(k * n), { transA: true });
            const db = new Float32Array(n);
            for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) db[j]! += d[r * n + j]!;
            dWs[l] = tf.tensor2d(dW, [k, n]);
            dBs[l] = tf.tensor1d(db);
            d = gemm(rows, k, n, d, ws[l]!, new Float32Array(rows * k), { transB: true });
          }
          return [tf.tensor2d(d, [rows, units[0]!]), ...dWs, ...dBs];
        },
      };
    });
    return op(x, ...this.weights, ...this.biases) as tf.Tensor2D;
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
