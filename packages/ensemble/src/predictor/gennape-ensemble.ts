// The GENNAPE predictor ensemble (Mills et al., AAAI 2023): CL+FCM+T, CL+T, two pairwise classifiers,
// a plain k-GNN regressor and FLOPs, combined by rank. Zero-shot all members weigh the same; after
// fine-tuning on a few target networks the weights are softmax(Kendall tau on that set / temperature),
// the tau taken out of fold by default (GENNAPE takes it in sample; see weightFolds).
import { EnsembleInputError } from '../errors.js';
import { kendallTau } from '../metrics/kendall-tau.js';
import type { EnsembleMember, LabelledSet, MemberKind, MemberTraining } from './ensemble-member.js';
import { MEMBER_KINDS } from './ensemble-member.js';
import { FlopsMember } from './flops-member.js';
import { foldAssignment } from './fold-assignment.js';
import { PairwiseMember } from './pairwise-member.js';
import { rankAverage } from './rank-average.js';
import { RegressionMember } from './regression-member.js';
import type { EncoderFactory } from './trainable-encoder.js';

export interface GennapeEnsembleOptions {
  readonly members: readonly MemberKind[];
  readonly clusters: number;
  readonly fuzzifier: number;
  readonly headHidden: readonly number[];
  readonly pairwiseReferences: number;
  readonly training: MemberTraining;
  readonly fineTuning: MemberTraining;
  /**
   * Members whose encoder starts from the contrastively pretrained weights; the others start from their
   * own seeded initialisation. Default: the two CL members only. Starting the pairwise classifiers from
   * the same pretrained weights as well made all four members err alike (NB-301 transfer, 5 seeds, shared
   * pretraining: pairwise 0.838 / 0.835 SRCC vs 0.854 / 0.849 from their own init, ensemble 0.854 vs
   * 0.862; `npm run bench -- transfer 5 nb301 kgnn '{"pretrainedMembers":[...],"pretrainPerMember":false,
   * "weightFolds":0,"weightTemperature":1}'`, the member weights of that time).
   */
  readonly pretrainedMembers: readonly MemberKind[];
  /**
   * One contrastive pretraining per pretrained member (seeded by the member) instead of one shared by all:
   * members that start apart make less correlated errors, which is what rank-averaging them needs
   * (NB-301 transfer, 5 seeds: CL+T 0.833 → 0.850, ensemble 0.862 → 0.864; `npm run bench -- transfer 5
   * nb301 kgnn '{"weightFolds":0,"weightTemperature":1}'` with and without "pretrainPerMember":false).
   * Default true.
   */
  readonly pretrainPerMember: boolean;
  /**
   * Softmax temperature over the members' Kendall tau; 1 is GENNAPE's plain softmax. Default 0.2 with
   * out-of-fold taus (weightFolds), see there.
   */
  readonly weightTemperature: number;
  /**
   * Where each member's Kendall tau on the fine-tune set comes from. 0 (GENNAPE): the fine-tuned member's
   * own training networks, which every member fits well, so the weights come out nearly equal. K >= 2:
   * out of fold, from K extra fine-tunes per member that each hold one fold out, so a member that
   * generalises worse weighs less (and the fine-tune costs K + 1 times as much). K is capped at half
   * the fine-tune set; below 4 networks, or with one member, the tau is in sample.
   * Default 3 folds at temperature 0.2. Transfer, 5 seeds, SRCC NB-101 / NB-201 / NB-301 (`npm run bench
   * -- transfer 5 nb101,nb201,nb301 kgnn '{"weightFolds":K,"weightTemperature":T}'`):
   * in sample, T 1 (GENNAPE): 0.907 / 0.933 / 0.864, weights near equal although on NB-101 the CL members
   * score 0.76 and the k-GNN 0.93; in sample, T 0.1: 0.915 / 0.928 / 0.870 (in-sample taus mislead on
   * NB-201); 3 folds, T 0.2: 0.920 / 0.931 / 0.869; 3 folds, T 0.1: 0.925 / 0.929 / 0.870; 5 folds,
   * T 0.1: 0.917 / 0.931 / 0.870 (and 2.8x the CPU time of in sample; 3 folds 1.8x).
   */
  readonly weightFolds: number;
  readonly seed: number;
}

export const GENNAPE_ENSEMBLE_DEFAULTS: GennapeEnsembleOptions = {
  members: MEMBER_KINDS,
  clusters: 3,
  fuzzifier: 2,
  headHidden: [64, 32],
  pairwiseReferences: 32,
  training: { epochs: 30, batchSize: 32, learningRate: 1e-3, rankWeight: 1, seed: 0 },
  // 100 epochs over 40–50 target networks, keeping the weights averaged over the last 50 (see
  // encoderTrainingDefaults for the measurements behind these numbers).
  fineTuning: { epochs: 100, batchSize: 10, learningRate: 1e-3, rankWeight: 1, seed: 0, averageLast: 50 },
  pretrainedMembers: ['cl-fcm-t', 'cl-t'],
  pretrainPerMember: true,
  weightTemperature: 0.2,
  weightFolds: 3,
  seed: 0,
};

export type EnsembleProgress =
  | { readonly phase: 'pretrain'; readonly member: null }
  | {
      /** 'cross-validate': the out-of-fold fine-tunes behind the weights (options.weightFolds). */
      readonly phase: 'fit' | 'fine-tune' | 'cross-validate';
      readonly member: MemberKind;
      /** Position of the member in the ensemble and the member count, for progress bars. */
      readonly memberIndex: number;
      readonly members: number;
      readonly epoch: number;
      readonly loss: number;
    };

export interface EnsemblePrediction {
  /** Rank-averaged ensemble score in (0, 1], higher = better. */
  readonly score: Float64Array;
  /** Accuracy (%) from the CL+T regressor (or the first regression member); null without one. */
  readonly accuracy: Float64Array | null;
  readonly members: Readonly<Partial<Record<MemberKind, Float64Array>>>;
}

export interface GennapeEnsembleState {
  readonly encoderKind: string;
  readonly options: GennapeEnsembleOptions;
  readonly weights: readonly number[];
  readonly tau: readonly number[] | null;
  readonly members: readonly { readonly kind: MemberKind; readonly state: unknown }[];
  readonly pretrained: boolean;
}

function validateSet<G>(fn: string, set: LabelledSet<G>): void {
  const n = set.inputs.length;
  if (n < 2) throw new EnsembleInputError(`ensemble.${fn}: Expected at least 2 labelled networks but received ${n}`);
  if (set.accuracy.length !== n || set.gflops.length !== n) {
    throw new EnsembleInputError(
      `ensemble.${fn}: Expected ${n} accuracies and GFLOPs (one per network) but received ${set.accuracy.length} and ${set.gflops.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(set.accuracy[i]!)) {
      throw new EnsembleInputError(
        `ensemble.${fn}: Expected finite accuracies but received ${set.accuracy[i]} at index ${i}`,
      );
    }
    if (!(set.gflops[i]! >= 0)) {
      throw new EnsembleInputError(
        `ensemble.${fn}: Expected non-negative GFLOPs but received ${set.gflops[i]} at index ${i}`,
      );
    }
  }
}

export class GennapeEnsemble<G> {
  private weights: number[];
  tau: number[] | null = null;

  private constructor(
    readonly factory: EncoderFactory<G>,
    readonly options: GennapeEnsembleOptions,
    readonly members: EnsembleMember<G>[],
    readonly pretrained: boolean,
  ) {
    this.weights = members.map(() => 1);
  }

  private static build<G>(
    factory: EncoderFactory<G>,
    o: GennapeEnsembleOptions,
    pretrained: boolean,
  ): GennapeEnsemble<G> {
    const members = o.members.map((kind, k): EnsembleMember<G> => {
      const seed = o.seed * 101 + k;
      switch (kind) {
        case 'cl-fcm-t':
          return new RegressionMember(factory.create(seed), {
            kind,
            labels: 'flops',
            clusters: o.clusters,
            fuzzifier: o.fuzzifier,
            headHidden: o.headHidden,
            seed,
          });
        case 'cl-t':
          return new RegressionMember(factory.create(seed), {
            kind,
            labels: 'flops',
            clusters: 1,
            fuzzifier: o.fuzzifier,
            headHidden: o.headHidden,
            seed,
          });
        case 'kgnn':
          return new RegressionMember(factory.create(seed), {
            kind,
            labels: 'zscore',
            clusters: 1,
            fuzzifier: o.fuzzifier,
            headHidden: o.headHidden,
            seed,
          });
        case 'pairwise-1':
        case 'pairwise-2':
          return new PairwiseMember(factory.create(seed), {
            kind,
            headHidden: o.headHidden,
            references: o.pairwiseReferences,
            pairsPerItem: 4,
            seed,
          });
        case 'flops':
          return new FlopsMember<G>();
        default: {
          const never: never = kind;
          throw new EnsembleInputError(`ensemble.GennapeEnsemble: unknown member kind ${String(never)}`);
        }
      }
    });
    return new GennapeEnsemble(factory, o, members, pretrained);
  }

  /** Pretrains (when the factory can) and trains every member on the training families. */
  static async train<G>(
    factory: EncoderFactory<G>,
    set: LabelledSet<G>,
    options: Partial<GennapeEnsembleOptions> = {},
    onProgress?: (p: EnsembleProgress) => void,
  ): Promise<GennapeEnsemble<G>> {
    validateSet('GennapeEnsemble.train', set);
    const o: GennapeEnsembleOptions = { ...GENNAPE_ENSEMBLE_DEFAULTS, ...options };
    if (o.members.length === 0)
      throw new EnsembleInputError('ensemble.GennapeEnsemble.train: Expected at least one member but received []');
    const ens = GennapeEnsemble.build(
      factory,
      o,
      factory.pretrain !== undefined && o.members.some((k) => o.pretrainedMembers.includes(k)),
    );
    // Contrastive pretraining, copied into the pretrained members: once for all (GENNAPE pretrains the
    // encoder once), or once per member with the member's seed.
    const clStates = new Map<number, unknown>();
    const pretrainedState = async (seed: number): Promise<unknown> => {
      let state = clStates.get(seed);
      if (state === undefined) {
        onProgress?.({ phase: 'pretrain', member: null });
        const enc = factory.create(seed);
        enc.adapt?.(set.inputs);
        await factory.pretrain!(enc, set.inputs, seed);
        state = enc.getState();
        enc.dispose();
        clStates.set(seed, state);
      }
      return state;
    };
    for (const [k, m] of ens.members.entries()) {
      const enc = (m as { encoder?: { adapt?(x: readonly G[]): void; setState(s: unknown): void } }).encoder;
      if (!enc) continue;
      if (factory.pretrain && o.pretrainedMembers.includes(m.kind)) {
        enc.setState(await pretrainedState(o.pretrainPerMember ? o.seed * 101 + k : o.seed));
      } else {
        enc.adapt?.(set.inputs);
      }
    }
    for (const [memberIndex, m] of ens.members.entries()) {
      m.fit(set, { ...o.training, seed: o.training.seed + o.seed * 7919 }, (epoch, loss) =>
        onProgress?.({ phase: 'fit', member: m.kind, memberIndex, members: ens.members.length, epoch, loss }),
      );
    }
    return ens;
  }

  /** Fine-tunes every member on a few target networks (all parameters) and re-weights the members. */
  fineTune(set: LabelledSet<G>, onProgress?: (p: EnsembleProgress) => void, seed = 0): void {
    validateSet('GennapeEnsemble.fineTune', set);
    const folds = this.options.weightFolds;
    if (!Number.isInteger(folds) || folds < 0 || folds === 1) {
      throw new EnsembleInputError(
        `ensemble.GennapeEnsemble.fineTune: Expected weightFolds 0 (in-sample tau) or an integer >= 2 but received ${folds}`,
      );
    }
    const training = { ...this.options.fineTuning, seed: this.options.fineTuning.seed + seed };
    // Folds keep at least two networks each (a tau needs a pair); a lone member's weight is 1 anyway.
    const k = Math.min(folds, Math.floor(set.inputs.length / 2));
    const outOfFold = k >= 2 && this.members.length > 1 ? this.outOfFoldTau(set, k, training, seed, onProgress) : null;
    for (const [memberIndex, m] of this.members.entries()) {
      m.fit(set, training, (epoch, loss) =>
        onProgress?.({
          phase: 'fine-tune',
          member: m.kind,
          memberIndex,
          members: this.members.length,
          epoch,
          loss,
        }),
      );
    }
    this.tau =
      outOfFold ??
      this.members.map((m) => {
        const t = kendallTau(set.accuracy, m.score(set.inputs, set.gflops));
        return Number.isNaN(t) ? 0 : t;
      });
    const z = this.tau.map((t) => t / this.options.weightTemperature);
    const mx = Math.max(...z);
    const e = z.map((v) => Math.exp(v - mx));
    const s = e.reduce((a, b) => a + b, 0);
    this.weights = e.map((v) => v / s);
  }

  /**
   * Each member's Kendall tau out of fold: for each of `folds` seeded folds of the fine-tune set, the
   * member is fine-tuned from its current state on the other folds and scored on the held-out one. The
   * fold taus are averaged weighted by their pair counts; every member is restored afterwards.
   */
  private outOfFoldTau(
    set: LabelledSet<G>,
    folds: number,
    training: MemberTraining,
    seed: number,
    onProgress?: (p: EnsembleProgress) => void,
  ): number[] {
    const foldOf = foldAssignment(set.inputs.length, folds, seed);
    const subset = (keep: (i: number) => boolean): LabelledSet<G> => {
      const idx = Array.from(foldOf.keys()).filter(keep);
      return {
        inputs: idx.map((i) => set.inputs[i]!),
        accuracy: idx.map((i) => set.accuracy[i]!),
        gflops: idx.map((i) => set.gflops[i]!),
      };
    };
    return this.members.map((m, memberIndex) => {
      const start = m.getState();
      let tauSum = 0;
      let pairs = 0;
      for (let f = 0; f < folds; f++) {
        const held = subset((i) => foldOf[i] === f);
        m.setState(start);
        m.fit(
          subset((i) => foldOf[i] !== f),
          training,
          (epoch, loss) =>
            onProgress?.({
              phase: 'cross-validate',
              member: m.kind,
              memberIndex,
              members: this.members.length,
              epoch,
              loss,
            }),
        );
        const t = kendallTau(held.accuracy, m.score(held.inputs, held.gflops));
        const p = (held.inputs.length * (held.inputs.length - 1)) / 2;
        if (!Number.isNaN(t)) {
          tauSum += t * p;
          pairs += p;
        }
      }
      m.setState(start);
      return pairs > 0 ? tauSum / pairs : 0;
    });
  }

  get memberWeights(): readonly number[] {
    return this.weights;
  }

  predict(inputs: readonly G[], gflops: ArrayLike<number>): EnsemblePrediction {
    if (inputs.length !== gflops.length) {
      throw new EnsembleInputError(
        `ensemble.GennapeEnsemble.predict: Expected one GFLOPs value per network but received ${inputs.length} networks and ${gflops.length} values`,
      );
    }
    const per: Partial<Record<MemberKind, Float64Array>> = {};
    const scores = this.members.map((m) => {
      const s = m.score(inputs, gflops);
      per[m.kind] = s;
      return s;
    });
    const reg = (this.members.find((m) => m.kind === 'cl-t') ??
      this.members.find((m) => m instanceof RegressionMember)) as RegressionMember<G> | undefined;
    return {
      score: inputs.length > 0 ? rankAverage(scores, this.weights) : new Float64Array(0),
      accuracy: reg ? (per[reg.kind] ?? null) : null,
      members: per,
    };
  }

  getState(): GennapeEnsembleState {
    return {
      encoderKind: this.factory.kind,
      options: this.options,
      weights: [...this.weights],
      tau: this.tau ? [...this.tau] : null,
      members: this.members.map((m) => ({ kind: m.kind, state: m.getState() })),
      pretrained: this.pretrained,
    };
  }

  /** Restores weights and member states (e.g. back to the pre-fine-tune snapshot between seeds). */
  setState(state: GennapeEnsembleState): void {
    if (state.encoderKind !== this.factory.kind || state.members.length !== this.members.length) {
      throw new EnsembleInputError(
        `ensemble.GennapeEnsemble.setState: Expected a ${this.factory.kind} state with ${this.members.length} members but received ${state.encoderKind} with ${state.members.length}`,
      );
    }
    state.members.forEach((s, i) => this.members[i]!.setState(s.state));
    this.weights = [...state.weights];
    this.tau = state.tau ? [...state.tau] : null;
  }

  static fromState<G>(factory: EncoderFactory<G>, state: GennapeEnsembleState): GennapeEnsemble<G> {
    if (state.encoderKind !== factory.kind) {
      throw new EnsembleInputError(
        `ensemble.GennapeEnsemble.fromState: Expected an ensemble of ${factory.kind} encoders but received ${state.encoderKind}`,
      );
    }
    const ens = GennapeEnsemble.build(factory, { ...GENNAPE_ENSEMBLE_DEFAULTS, ...state.options }, state.pretrained);
    ens.setState(state);
    return ens;
  }

  dispose(): void {
    for (const m of this.members) m.dispose();
  }
}
