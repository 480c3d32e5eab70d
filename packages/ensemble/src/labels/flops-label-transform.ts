// GENNAPE's "stand_flops" label transform: y = zscore(acc / (log10(GFLOPs + 1) + 1)), with mean and std
// fitted on the training family and inverted at inference. Dividing by a FLOPs term removes the part of
// accuracy that size alone explains, so the heads learn what the architecture adds beyond its cost.
import { EnsembleInputError } from '../errors.js';

export interface LabelStats {
  readonly mean: number;
  readonly std: number;
}

function flopsTerm(gflops: number): number {
  return Math.log10(gflops + 1) + 1;
}

function check(fn: string, acc: ArrayLike<number>, gflops: ArrayLike<number>): void {
  if (acc.length !== gflops.length) {
    throw new EnsembleInputError(
      `ensemble.FlopsLabelTransform.${fn}: Expected one GFLOPs value per accuracy but received ${acc.length} and ${gflops.length}`,
    );
  }
  for (let i = 0; i < acc.length; i++) {
    if (!Number.isFinite(acc[i]!)) {
      throw new EnsembleInputError(
        `ensemble.FlopsLabelTransform.${fn}: Expected a finite accuracy but received ${acc[i]} at index ${i}`,
      );
    }
    if (!Number.isFinite(gflops[i]!) || gflops[i]! < 0) {
      throw new EnsembleInputError(
        `ensemble.FlopsLabelTransform.${fn}: Expected non-negative finite GFLOPs but received ${gflops[i]} at index ${i}`,
      );
    }
  }
}

/** Fitted stand_flops transform; `stats` is what a model directory stores. */
export class FlopsLabelTransform {
  private constructor(readonly stats: LabelStats) {}

  /** Fits mean and std of acc / (log10(GFLOPs + 1) + 1) over the training networks. */
  static fit(acc: ArrayLike<number>, gflops: ArrayLike<number>): FlopsLabelTransform {
    check('fit', acc, gflops);
    if (acc.length < 2) {
      throw new EnsembleInputError(
        `ensemble.FlopsLabelTransform.fit: Expected at least 2 accuracies but received ${acc.length}`,
      );
    }
    let mean = 0;
    for (let i = 0; i < acc.length; i++) mean += acc[i]! / flopsTerm(gflops[i]!);
    mean /= acc.length;
    let v = 0;
    for (let i = 0; i < acc.length; i++) v += (acc[i]! / flopsTerm(gflops[i]!) - mean) ** 2;
    const std = Math.sqrt(v / acc.length);
    if (!(std > 0)) {
      throw new EnsembleInputError(
        'ensemble.FlopsLabelTransform.fit: Expected accuracies that vary but all scaled labels are equal',
      );
    }
    return new FlopsLabelTransform({ mean, std });
  }

  static fromStats(stats: LabelStats): FlopsLabelTransform {
    if (!Number.isFinite(stats.mean) || !(stats.std > 0) || !Number.isFinite(stats.std)) {
      throw new EnsembleInputError(
        `ensemble.FlopsLabelTransform.fromStats: Expected a finite mean and positive std but received ${JSON.stringify(stats)}`,
      );
    }
    return new FlopsLabelTransform({ mean: stats.mean, std: stats.std });
  }

  transform(acc: ArrayLike<number>, gflops: ArrayLike<number>): Float64Array {
    check('transform', acc, gflops);
    return Float64Array.from(
      { length: acc.length },
      (_, i) => (acc[i]! / flopsTerm(gflops[i]!) - this.stats.mean) / this.stats.std,
    );
  }

  /**
   * Per network, a and b with inverse(y) / std = (y + a) * b: the predicted accuracy in units of the
   * label std, as an affine map a differentiable loss can apply to the head's output.
   */
  accuracyMap(gflops: ArrayLike<number>): { readonly shift: number; readonly scale: Float64Array } {
    return {
      shift: this.stats.mean / this.stats.std,
      scale: Float64Array.from({ length: gflops.length }, (_, i) => flopsTerm(gflops[i]!)),
    };
  }

  inverse(y: ArrayLike<number>, gflops: ArrayLike<number>): Float64Array {
    check('inverse', y, gflops);
    return Float64Array.from(
      { length: y.length },
      (_, i) => (y[i]! * this.stats.std + this.stats.mean) * flopsTerm(gflops[i]!),
    );
  }
}
