// Pairwise (which-is-better) classifier members of the GENNAPE ensemble. The logit is made
// antisymmetric by construction, l(a, b) = g([h_a, h_b]) - g([h_b, h_a]), so P(a > b) = 1 - P(b > a);
// trained with the logistic loss over all ordered pairs of a batch; a network's score is its mean win
// probability against a seeded reference sample of the networks being scored.
import { Rng } from '@cgnas/native';
import { tf } from '@cgnas/native/tf';

import { EnsembleInputError } from '../errors.js';
import { MlpHead, type MlpHeadState } from '../heads/mlp-head.js';
import { embedAll } from './embed-all.js';
import type { EnsembleMember, LabelledSet, MemberKind, MemberTraining } from './ensemble-member.js';
import { trainEpochs } from './train-epochs.js';
import type { TrainableEncoder } from './trainable-encoder.js';

export interface PairwiseMemberOptions {
  readonly kind: Extract<MemberKind, 'pairwise-1' | 'pairwise-2'>;
  readonly headHidden: readonly number[];
  /** Size of the reference sample a score averages over. */
  readonly references: number;
  /** Random partners per network per batch during training. */
  readonly pairsPerItem: number;
  readonly seed: number;
}

interface PairwiseMemberState {
  readonly kind: string;
  readonly encoder: unknown;
  readonly head: MlpHeadState | null;
}

export class PairwiseMember<G> implements EnsembleMember<G> {
  readonly kind: PairwiseMemberOptions['kind'];
  private head: MlpHead | null = null;

  constructor(
    readonly encoder: TrainableEncoder<G>,
    private readonly options: PairwiseMemberOptions,
  ) {
    this.kind = options.kind;
  }

  /** Antisymmetric logits for rows of a and b ([k, d] each) -> [k]. */
  private logits(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
    const head = this.head!;
    return tf.tidy(
      () => tf.reshape(tf.sub(head.apply(tf.concat([a, b], 1)), head.apply(tf.concat([b, a], 1))), [-1]) as tf.Tensor1D,
    );
  }

  fit(set: LabelledSet<G>, training: MemberTraining, onEpoch?: (epoch: number, loss: number) => void): void {
    const n = set.inputs.length;
    if (set.accuracy.length !== n) {
      throw new EnsembleInputError(
        `ensemble.PairwiseMember.fit: Expected ${n} accuracies but received ${set.accuracy.length}`,
      );
    }
    this.head ??= new MlpHead({
      inputDim: 2 * this.encoder.outputDim,
      hidden: this.options.headHidden,
      outputDim: 1,
      seed: this.options.seed,
    });
    const vars = [...this.encoder.variables, ...this.head.variables];
    const pairRng = new Rng(training.seed, 13);
    trainEpochs(
      n,
      training,
      vars,
      (batch) => {
        // Each network meets `pairsPerItem` random others: O(B) pairs instead of O(B^2) keeps steps cheap.
        const ia: number[] = [];
        const ib: number[] = [];
        for (let i = 0; i < batch.length; i++) {
          for (let t = 0; t < this.options.pairsPerItem; t++) {
            const j = pairRng.int(batch.length);
            const ai = set.accuracy[batch[i]!]!;
            const aj = set.accuracy[batch[j]!]!;
            if (ai > aj) {
              ia.push(i);
              ib.push(j);
            } else if (aj > ai) {
              ia.push(j);
              ib.push(i);
            }
          }
        }
        const h = this.encoder.encode(batch.map((i) => set.inputs[i]!));
        if (ia.length === 0) return tf.mul(tf.sum(h), 0) as tf.Scalar;
        // One-hot selection by matMul rather than tf.gather: wasm has no gather gradient (UnsortedSegmentSum).
        const b = batch.length;
        const sa = new Float32Array(ia.length * b);
        const sb = new Float32Array(ia.length * b);
        ia.forEach((i, p) => (sa[p * b + i] = 1));
        ib.forEach((j, p) => (sb[p * b + j] = 1));
        const l = this.logits(
          tf.matMul(tf.tensor2d(sa, [ia.length, b]), h),
          tf.matMul(tf.tensor2d(sb, [ib.length, b]), h),
        );
        return tf.mean(tf.softplus(tf.neg(l))) as tf.Scalar;
      },
      onEpoch,
    );
  }

  score(inputs: readonly G[], _gflops: ArrayLike<number>): Float64Array {
    const head = this.head;
    if (!head) throw new EnsembleInputError('ensemble.PairwiseMember.score: the member is not trained; call fit first');
    const n = inputs.length;
    const d = this.encoder.outputDim;
    const flat = embedAll(this.encoder, inputs);
    const refIdx = new Rng(this.options.seed, 11).sampleIndices(n, Math.min(n, this.options.references));
    // n x r pairs through a small MLP: plain float loops beat tfjs's broadcasting on the cpu backend by far.
    // The first layer is linear in the concatenation, [a, b] W1 = a W1_top + b W1_bottom, so each network
    // is projected once per side and a pair only adds two projections.
    const { sizes, weights } = head.getState();
    const h1 = sizes[1]!;
    const w1 = weights[0]!;
    const project = (row: number, offset: number): Float64Array => {
      const out = new Float64Array(h1);
      for (let k = 0; k < d; k++) {
        const x = flat[row * d + k]!;
        if (x === 0) continue;
        const base = (offset + k) * h1;
        for (let j = 0; j < h1; j++) out[j] = out[j]! + x * w1[base + j]!;
      }
      return out;
    };
    const top = Array.from({ length: n }, (_, i) => project(i, 0));
    const bottom = Array.from({ length: n }, (_, i) => project(i, d));
    const b1 = weights[1]!;
    const layers = sizes.length - 1;
    const buf = [new Float64Array(Math.max(...sizes)), new Float64Array(Math.max(...sizes))];
    const g = (p: Float64Array, q: Float64Array): number => {
      let cur = buf[0]!;
      for (let j = 0; j < h1; j++) cur[j] = Math.max(0, p[j]! + q[j]! + b1[j]!);
      let width = h1;
      for (let l = 1; l < layers; l++) {
        const w = weights[2 * l]!;
        const b = weights[2 * l + 1]!;
        const next = buf[l % 2]!;
        const outW = sizes[l + 1]!;
        for (let o = 0; o < outW; o++) next[o] = b[o]!;
        for (let k = 0; k < width; k++) {
          const x = cur[k]!;
          if (x === 0) continue;
          for (let o = 0; o < outW; o++) next[o] = next[o]! + x * w[k * outW + o]!;
        }
        if (l + 1 < layers) for (let o = 0; o < outW; o++) next[o] = Math.max(0, next[o]!);
        cur = next;
        width = outW;
      }
      return cur[0]!;
    };
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (const j of refIdx) {
        const logit = g(top[i]!, bottom[j]!) - g(top[j]!, bottom[i]!);
        sum += 1 / (1 + Math.exp(-logit));
      }
      out[i] = sum / refIdx.length;
    }
    return out;
  }

  getState(): PairwiseMemberState {
    return { kind: this.kind, encoder: this.encoder.getState(), head: this.head?.getState() ?? null };
  }

  setState(state: unknown): void {
    const s = state as Partial<PairwiseMemberState>;
    if (s.kind !== this.kind) {
      throw new EnsembleInputError(
        `ensemble.PairwiseMember.setState: Expected a ${this.kind} state but received ${String(s.kind)}`,
      );
    }
    this.encoder.setState(s.encoder);
    if (s.head) {
      if (this.head) this.head.setState(s.head);
      else this.head = MlpHead.fromState(s.head);
    }
  }

  dispose(): void {
    this.head?.dispose();
    this.head = null;
    this.encoder.dispose();
  }
}
