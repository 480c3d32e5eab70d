// The contract every GENNAPE ensemble member follows: fit on training families, fine-tune on a few target
// networks, and score networks (higher = predicted better). Scores are only compared within a member,
// since the ensemble combines members by rank.

/** Networks with labels, as members train on them. */
export interface LabelledSet<G> {
  readonly inputs: readonly G[];
  /** Accuracy in %, finite. */
  readonly accuracy: ArrayLike<number>;
  /** Cost in GFLOPs (MACs / 1e9), >= 0. */
  readonly gflops: ArrayLike<number>;
}

/** Training knobs shared by the trained members. */
export interface MemberTraining {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Weight of the pairwise logistic ranking loss next to the MSE. */
  readonly rankWeight: number;
  readonly seed: number;
  /**
   * Average the weights over the last this-many epochs (stochastic weight averaging, Izmailov et al. 2018)
   * and keep the average; 0 or absent keeps the last epoch's weights.
   */
  readonly averageLast?: number;
}

export type MemberKind = 'cl-fcm-t' | 'cl-t' | 'pairwise-1' | 'pairwise-2' | 'kgnn' | 'flops';

export const MEMBER_KINDS: readonly MemberKind[] = ['cl-fcm-t', 'cl-t', 'pairwise-1', 'pairwise-2', 'kgnn', 'flops'];

export interface EnsembleMember<G> {
  readonly kind: MemberKind;
  fit(set: LabelledSet<G>, training: MemberTraining, onEpoch?: (epoch: number, loss: number) => void): void;
  /** Scores, higher = better; `gflops` is given because the FLOPs member and label transforms need it. */
  score(inputs: readonly G[], gflops: ArrayLike<number>): Float64Array;
  getState(): unknown;
  setState(state: unknown): void;
  dispose(): void;
}
