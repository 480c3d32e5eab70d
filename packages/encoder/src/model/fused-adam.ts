// Adam (Kingma & Ba 2015) applied in one pass over plain arrays instead of ~10 tfjs ops per variable:
// for a k-GNN and a small head the optimiser step was ~3 ms of tfjs op overhead per batch, more than
// the native encoder kernels themselves. The same update as tf.train.adam (and torch.optim.Adam).
import { tf } from '@cgnas/native/tf';

import { EncoderInputError, EncoderStateError } from '../errors.js';

export interface FusedAdamConfig {
  /** Step size. Default 0.001. */
  readonly learningRate: number;
  /** Decay of the first-moment average. Default 0.9. */
  readonly beta1: number;
  /** Decay of the second-moment average. Default 0.999. */
  readonly beta2: number;
  /** Added to √v̂. Default 1e-7, tf.train.adam's float32 epsilon. */
  readonly epsilon: number;
}

export const FUSED_ADAM_DEFAULTS: FusedAdamConfig = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** One optimiser slot as saved in a checkpoint: `iter`, `<variable>/m` or `<variable>/v`. */
export interface AdamSlot {
  readonly name: string;
  readonly values: Float32Array;
}

/**
 * Adam on tfjs Variables, updated on the JS side:
 *
 *   m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²,  θ ← θ − lr · (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε)
 *
 * with g = scale · gradient (scale folds in gradient clipping). Moments live in Float32Arrays keyed by
 * variable name; arithmetic is float64 and rounded to float32 once per entry. Call dispose() when done.
 */
export class FusedAdam {
  readonly config: FusedAdamConfig;
  private readonly m = new Map<string, Float32Array>();
  private readonly v = new Map<string, Float32Array>();
  private step = 0;

  constructor(config: Partial<FusedAdamConfig> = {}) {
    const c = { ...FUSED_ADAM_DEFAULTS, ...config };
    const check = (name: keyof FusedAdamConfig, ok: boolean): void => {
      if (!ok) {
        throw new EncoderInputError(
          `encoder.FusedAdam: Expected ${name === 'learningRate' || name === 'epsilon' ? 'a positive number' : 'a number in [0, 1)'} for ${name} but received ${c[name]}`,
        );
      }
    };
    check('learningRate', c.learningRate > 0 && Number.isFinite(c.learningRate));
    check('beta1', c.beta1 >= 0 && c.beta1 < 1);
    check('beta2', c.beta2 >= 0 && c.beta2 < 1);
    check('epsilon', c.epsilon > 0 && Number.isFinite(c.epsilon));
    this.config = c;
  }

  /** Steps taken so far (t of the bias correction). */
  get iterations(): number {
    return this.step;
  }

  /**
   * One Adam step: `grads[k]` is the gradient of `variables[k]` (same length), multiplied by `scale`
   * before use. Must be called with the same variables each step (moments are keyed by name).
   */
  applyGradients(variables: readonly tf.Variable[], grads: readonly ArrayLike<number>[], scale = 1): void {
    if (grads.length !== variables.length) {
      throw new EncoderInputError(
        `encoder.FusedAdam.applyGradients: Expected ${variables.length} gradients (one per variable) but received ${grads.length}`,
      );
    }
    const { learningRate: lr, beta1, beta2, epsilon } = this.config;
    const t = this.step + 1;
    const c1 = 1 / (1 - beta1 ** t);
    const c2 = 1 / (1 - beta2 ** t);
    for (let k = 0; k < variables.length; k++) {
      const variable = variables[k]!;
      const g = grads[k]!;
      const theta = variable.dataSync();
      if (!(theta instanceof Float32Array) || g.length !== theta.length) {
        throw new EncoderInputError(
          `encoder.FusedAdam.applyGradients: Expected a float32 gradient of ${theta.length} entries for ${variable.name} but received ${g.length}`,
        );
      }
      const m = this.slot(this.m, variable.name, theta.length);
      const v = this.slot(this.v, variable.name, theta.length);
      // A new array, not an in-place write: tensors that share the variable's data keep their values.
      const next = new Float32Array(theta.length);
      for (let i = 0; i < theta.length; i++) {
        const gi = scale * g[i]!;
        const mi = beta1 * m[i]! + (1 - beta1) * gi;
        const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        next[i] = theta[i]! - (lr * (mi * c1)) / (Math.sqrt(vi * c2) + epsilon);
      }
      tf.tidy(() => variable.assign(tf.tensor(next, variable.shape, 'float32')));
    }
    this.step = t;
  }

  /** The slots for a checkpoint: `iter` (one value) and `<variable>/m`, `<variable>/v` per variable. */
  getWeights(): AdamSlot[] {
    const slots: AdamSlot[] = [{ name: 'iter', values: Float32Array.of(this.step) }];
    for (const [name, m] of this.m) {
      slots.push({ name: `${name}/m`, values: m.slice() });
      slots.push({ name: `${name}/v`, values: this.v.get(name)!.slice() });
    }
    return slots;
  }

  /** Restores what getWeights() returned (variable names as in the process that saved them). */
  setWeights(slots: readonly AdamSlot[]): void {
    const iter = slots.find((s) => s.name === 'iter');
    if (!iter || iter.values.length !== 1 || !Number.isInteger(iter.values[0]) || iter.values[0]! < 0) {
      throw new EncoderStateError(
        'encoder.FusedAdam.setWeights: the slots have no valid `iter`; pass getWeights() output',
      );
    }
    this.m.clear();
    this.v.clear();
    for (const s of slots) {
      if (s.name === 'iter') continue;
      const slash = s.name.lastIndexOf('/');
      const kind = s.name.slice(slash + 1);
      if (slash < 0 || (kind !== 'm' && kind !== 'v')) {
        throw new EncoderStateError(`encoder.FusedAdam.setWeights: unknown slot ${s.name}; pass getWeights() output`);
      }
      (kind === 'm' ? this.m : this.v).set(s.name.slice(0, slash), s.values.slice());
    }
    this.step = iter.values[0]!;
  }

  dispose(): void {
    this.m.clear();
    this.v.clear();
  }

  private slot(map: Map<string, Float32Array>, name: string, size: number): Float32Array {
    let s = map.get(name);
    if (!s) {
      s = new Float32Array(size);
      map.set(name, s);
    } else if (s.length !== size) {
      throw new EncoderStateError(
        `encoder.FusedAdam.applyGradients: ${name} has ${size} entries but its moments have ${s.length}; use one optimiser per model`,
      );
    }
    return s;
  }
}
