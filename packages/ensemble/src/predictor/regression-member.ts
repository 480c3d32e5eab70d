// Regression members of the GENNAPE ensemble: an encoder plus either one MLP head (CL+T, plain k-GNN) or
// one MLP head per fuzzy c-means cluster, mixed by memberships to frozen centroids (CL+FCM+T):
// prediction = sum_j U_ij f_j(h_i). Labels are GENNAPE's stand_flops transform ('flops') or a plain
// z-score ('zscore'); trained with MSE on the labels plus a pairwise ranking loss on the accuracies they
// imply; fine-tuning updates all parameters.
import { tf } from '@cgnas/native/tf';

import { EnsembleInputError } from '../errors.js';
import { fcmMemberships } from '../fcm/fcm-memberships.js';
import { fuzzyCMeans, type FcmResult } from '../fcm/fuzzy-c-means.js';
import { MlpHead, type MlpHeadState } from '../heads/mlp-head.js';
import { FlopsLabelTransform, type LabelStats } from '../labels/flops-label-transform.js';
import { embedAll, rowsOf } from './embed-all.js';
import type { EnsembleMember, LabelledSet, MemberKind, MemberTraining } from './ensemble-member.js';
import { pairwiseLogisticLoss } from './ranking-losses.js';
import { trainEpochs } from './train-epochs.js';
import type { TrainableEncoder } from './trainable-encoder.js';

export interface RegressionMemberOptions {
  readonly kind: Extract<MemberKind, 'cl-fcm-t' | 'cl-t' | 'kgnn'>;
  readonly labels: 'flops' | 'zscore';
  /** FCM clusters; 1 means a single head (no FCM). */
  readonly clusters: number;
  readonly fuzzifier: number;
  readonly headHidden: readonly number[];
  readonly seed: number;
}

interface RegressionMemberState {
  readonly kind: string;
  readonly encoder: unknown;
  readonly heads: readonly MlpHeadState[];
  readonly centroids: readonly number[][] | null;
  readonly labelStats: LabelStats | null;
}

export class RegressionMember<G> implements EnsembleMember<G> {
  readonly kind: RegressionMemberOptions['kind'];
  private heads: MlpHead[] = [];
  private centroids: Float64Array[] | null = null;
  private transform: FlopsLabelTransform | null = null;
  /** The last clustering (iterations, convergence), for reports. */
  fcm: Pick<FcmResult, 'iterations' | 'converged' | 'lastDelta'> | null = null;

  constructor(
    readonly encoder: TrainableEncoder<G>,
    private readonly options: RegressionMemberOptions,
  ) {
    this.kind = options.kind;
  }

  private gf(gflops: ArrayLike<number>): ArrayLike<number> {
    return this.options.labels === 'flops' ? gflops : new Float64Array(gflops.length);
  }

  fit(set: LabelledSet<G>, training: MemberTraining, onEpoch?: (epoch: number, loss: number) => void): void {
    const n = set.inputs.length;
    if (set.accuracy.length !== n || set.gflops.length !== n) {
      throw new EnsembleInputError(
        `ensemble.RegressionMember.fit: Expected ${n} accuracies and GFLOPs but received ${set.accuracy.length} and ${set.gflops.length}`,
      );
    }
    this.transform = FlopsLabelTransform.fit(set.accuracy, this.gf(set.gflops));
    const y = this.transform.transform(set.accuracy, this.gf(set.gflops));
    // The ranking loss orders the predicted *accuracies* (labels inverted) by the true accuracies, not the
    // labels by the labels: under stand_flops the label order is mostly the FLOPs order where accuracy
    // varies less than the FLOPs term (NB-301: Spearman 0.35 between label and accuracy; NB-101: −0.24).
    const toAccuracy = this.transform.accuracyMap(this.gf(set.gflops));
    const C = this.options.clusters;
    if (C > 1 && !this.centroids) {
      const emb = rowsOf(embedAll(this.encoder, set.inputs), this.encoder.outputDim);
      const r = fuzzyCMeans(emb, {
        clusters: C,
        m: this.options.fuzzifier,
        seed: this.options.seed,
        maxIterations: 300,
      });
      this.centroids = r.centroids;
      this.fcm = { iterations: r.iterations, converged: r.converged, lastDelta: r.lastDelta };
    }
    if (this.heads.length === 0) {
      this.heads = Array.from(
        { length: C },
        (_, j) =>
          new MlpHead({
            inputDim: this.encoder.outputDim,
            hidden: this.options.headHidden,
            outputDim: 1,
            seed: this.options.seed * 31 + j,
          }),
      );
    }
    let u: Float32Array | null = null;
    const refresh = (): void => {
      if (!this.centroids) return;
      const emb = rowsOf(embedAll(this.encoder, set.inputs), this.encoder.outputDim);
      u = Float32Array.from(fcmMemberships(emb, this.centroids, this.options.fuzzifier).flatMap((r) => Array.from(r)));
    };
    const vars = [...this.encoder.variables, ...this.heads.flatMap((h) => h.variables)];
    trainEpochs(
      n,
      training,
      vars,
      (batch) => {
        const h = this.encoder.encode(batch.map((i) => set.inputs[i]!));
        const ub = u ? Float32Array.from(batch.flatMap((i) => Array.from(u!.subarray(i * C, (i + 1) * C)))) : null;
        const pred = this.forward(h, ub);
        const mse = tf.losses.meanSquaredError(tf.tensor1d(batch.map((i) => y[i]!)), pred) as tf.Scalar;
        if (training.rankWeight <= 0) return mse;
        const acc = tf.mul(
          tf.add(pred, toAccuracy.shift),
          tf.tensor1d(batch.map((i) => toAccuracy.scale[i]!)),
        ) as tf.Tensor1D;
        const rank = pairwiseLogisticLoss(
          acc,
          batch.map((i) => set.accuracy[i]!),
        );
        return tf.add(mse, tf.mul(rank, training.rankWeight)) as tf.Scalar;
      },
      onEpoch,
      refresh,
    );
  }

  /** Mixed head output for embeddings h and memberships u ([b x C] row-major, or null for one head). */
  forward(h: tf.Tensor2D, u: Float32Array | null): tf.Tensor1D {
    return tf.tidy(() => {
      if (this.heads.length === 1 || !u) return tf.reshape(this.heads[0]!.apply(h), [-1]) as tf.Tensor1D;
      const outs = tf.concat(
        this.heads.map((hd) => hd.apply(h)),
        1,
      );
      return tf.sum(tf.mul(outs, tf.tensor2d(u, [h.shape[0], this.heads.length])), 1) as tf.Tensor1D;
    });
  }

  private predictTransformed(inputs: readonly G[]): Float64Array {
    if (this.heads.length === 0) {
      throw new EnsembleInputError('ensemble.RegressionMember.score: the member is not trained; call fit first');
    }
    const flat = embedAll(this.encoder, inputs);
    const d = this.encoder.outputDim;
    const out = new Float64Array(inputs.length);
    const chunk = 2048;
    for (let s = 0; s < inputs.length; s += chunk) {
      const rows = Math.min(chunk, inputs.length - s);
      const part = flat.subarray(s * d, (s + rows) * d);
      const u = this.centroids
        ? Float32Array.from(
            fcmMemberships(rowsOf(part, d), this.centroids, this.options.fuzzifier).flatMap((r) => Array.from(r)),
          )
        : null;
      const p = tf.tidy(() => this.forward(tf.tensor2d(part, [rows, d]), u));
      out.set(p.dataSync(), s);
      p.dispose();
    }
    return out;
  }

  /** Predicted accuracy (%), the label transform inverted. */
  predictAccuracy(inputs: readonly G[], gflops: ArrayLike<number>): Float64Array {
    return this.transform!.inverse(this.predictTransformed(inputs), this.gf(gflops));
  }

  score(inputs: readonly G[], gflops: ArrayLike<number>): Float64Array {
    return this.predictAccuracy(inputs, gflops);
  }

  getState(): RegressionMemberState {
    return {
      kind: this.kind,
      encoder: this.encoder.getState(),
      heads: this.heads.map((h) => h.getState()),
      centroids: this.centroids?.map((c) => Array.from(c)) ?? null,
      labelStats: this.transform?.stats ?? null,
    };
  }

  setState(state: unknown): void {
    const s = state as Partial<RegressionMemberState>;
    if (s.kind !== this.kind || !Array.isArray(s.heads)) {
      throw new EnsembleInputError(
        `ensemble.RegressionMember.setState: Expected a ${this.kind} state but received ${String(s.kind)}`,
      );
    }
    this.encoder.setState(s.encoder);
    if (this.heads.length !== s.heads.length) {
      for (const h of this.heads) h.dispose();
      this.heads = s.heads.map((h) => MlpHead.fromState(h));
    } else {
      this.heads.forEach((h, i) => h.setState(s.heads![i]!));
    }
    this.centroids = s.centroids ? s.centroids.map((c) => Float64Array.from(c)) : null;
    this.transform = s.labelStats ? FlopsLabelTransform.fromStats(s.labelStats) : null;
  }

  dispose(): void {
    for (const h of this.heads) h.dispose();
    this.heads = [];
    this.encoder.dispose();
  }
}
