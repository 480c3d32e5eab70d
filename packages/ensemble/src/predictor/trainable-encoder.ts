// The small contract the predictor needs from an encoder (the k-GNN of @cgnas/encoder or the feature
// encoder here): map a batch of networks to embeddings differentiably, expose its variables for
// fine-tuning, and round-trip its state. Everything downstream (heads, FCM, ensemble) sees only this.
import type { tf } from '@cgnas/native/tf';

export interface TrainableEncoder<G> {
  /** A short name stored in model directories ("cg-features", "kgnn", ...). */
  readonly kind: string;
  readonly outputDim: number;
  /** [batch, outputDim] embeddings; differentiable with respect to `variables`. */
  encode(inputs: readonly G[]): tf.Tensor2D;
  readonly variables: readonly tf.Variable[];
  /** Adapts input statistics (e.g. feature standardisation) to the training networks; optional. */
  adapt?(inputs: readonly G[]): void;
  /** JSON-serialisable state: everything needed to rebuild the encoder with `setState`. */
  getState(): unknown;
  setState(state: unknown): void;
  dispose(): void;
}

/** Creates fresh encoders (one per ensemble member) and, where it can, pretrains them contrastively. */
export interface EncoderFactory<G> {
  readonly kind: string;
  create(seed: number): TrainableEncoder<G>;
  /** Contrastive pretraining (CL); absent when the encoder has none, and members then train from scratch. */
  pretrain?(encoder: TrainableEncoder<G>, inputs: readonly G[], seed: number): Promise<void> | void;
  /** Rebuilds an encoder from `getState()` output. */
  fromState(state: unknown): TrainableEncoder<G>;
}
