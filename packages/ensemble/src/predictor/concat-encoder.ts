// Several encoders side by side, their embeddings concatenated: the k-GNN's graph embedding next to the
// graph-level feature encoder (FLOPs, params, op counts, ...), so the heads see both what message passing
// learns and the global cost signals GENNAPE's label transform leans on. Each part keeps its own
// pretraining, state and variables.
import { tf } from '@cgnas/native/tf';

import { EnsembleInputError } from '../errors.js';
import type { EncoderFactory, TrainableEncoder } from './trainable-encoder.js';

interface ConcatEncoderState {
  readonly parts: readonly unknown[];
}

export class ConcatEncoder<G> implements TrainableEncoder<G> {
  constructor(
    readonly kind: string,
    readonly parts: readonly TrainableEncoder<G>[],
  ) {
    if (parts.length === 0) {
      throw new EnsembleInputError('ensemble.ConcatEncoder: Expected at least one part encoder but received none');
    }
  }

  /** Read through, since a part may adopt another width from a saved state (KgnnEncoder.setState). */
  get outputDim(): number {
    return this.parts.reduce((a, p) => a + p.outputDim, 0);
  }

  get variables(): readonly tf.Variable[] {
    return this.parts.flatMap((p) => p.variables);
  }

  adapt(inputs: readonly G[]): void {
    for (const p of this.parts) p.adapt?.(inputs);
  }

  encode(inputs: readonly G[]): tf.Tensor2D {
    return tf.tidy(() =>
      this.parts.length === 1
        ? this.parts[0]!.encode(inputs)
        : tf.concat(
            this.parts.map((p) => p.encode(inputs)),
            1,
          ),
    );
  }

  getState(): ConcatEncoderState {
    return { parts: this.parts.map((p) => p.getState()) };
  }

  setState(state: unknown): void {
    const s = partsOf(this.kind, this.parts.length, state);
    this.parts.forEach((p, i) => p.setState(s[i]));
  }

  dispose(): void {
    for (const p of this.parts) p.dispose();
  }
}

function partsOf(kind: string, n: number, state: unknown): readonly unknown[] {
  const parts = (state as Partial<ConcatEncoderState> | null)?.parts;
  if (!Array.isArray(parts) || parts.length !== n) {
    throw new EnsembleInputError(
      `ensemble.ConcatEncoder.setState: Expected a ${kind} state with ${n} parts but received ${Array.isArray(parts) ? parts.length : 'none'}`,
    );
  }
  return parts;
}

/** A factory of ConcatEncoders; pretraining runs each part's own pretraining (parts without one stay as created). */
export function concatEncoderFactory<G>(kind: string, factories: readonly EncoderFactory<G>[]): EncoderFactory<G> {
  const asConcat = (enc: TrainableEncoder<G>): ConcatEncoder<G> => {
    if (!(enc instanceof ConcatEncoder) || enc.parts.length !== factories.length) {
      throw new EnsembleInputError(
        `ensemble.concatEncoderFactory.pretrain: Expected a ${kind} encoder but received a ${enc.kind} encoder`,
      );
    }
    return enc as ConcatEncoder<G>;
  };
  const factory: EncoderFactory<G> = {
    kind,
    create: (seed) =>
      new ConcatEncoder(
        kind,
        factories.map((f) => f.create(seed)),
      ),
    fromState: (state) => {
      const s = partsOf(kind, factories.length, state);
      const parts: TrainableEncoder<G>[] = [];
      try {
        factories.forEach((f, i) => parts.push(f.fromState(s[i])));
      } catch (error) {
        for (const p of parts) p.dispose();
        throw error;
      }
      return new ConcatEncoder(kind, parts);
    },
  };
  if (factories.some((f) => f.pretrain)) {
    factory.pretrain = async (enc, inputs, seed): Promise<void> => {
      const c = asConcat(enc);
      for (let i = 0; i < factories.length; i++) await factories[i]!.pretrain?.(c.parts[i]!, inputs, seed);
    };
  }
  return factory;
}
