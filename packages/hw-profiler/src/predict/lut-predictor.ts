// The per-block lookup-table latency model (as in FBNet/ProxylessNAS/HW-NAS-Bench's additive tables):
// latency ≈ intercept + Σ_positions cost(block at position), the costs fitted by least squares on
// block-at-position indicators of measured networks rather than by timing blocks in isolation.
import type { BlockArch, HwSpace } from '../encoding/space-encoding.js';
import { encodingFor } from '../encoding/encoding-for.js';
import { HwInputError, PredictorFileError } from '../errors.js';
import { ridgeFit, ridgePredict, type RidgeModel } from './ridge-fit.js';

export interface LutJson {
  readonly kind: 'lut';
  readonly space: HwSpace;
  readonly intercept: number;
  readonly weights: readonly number[];
}

export class LutPredictor {
  private constructor(
    readonly space: HwSpace,
    private readonly model: RidgeModel,
  ) {}

  static fit(space: HwSpace, archs: readonly BlockArch[], latencyMs: ArrayLike<number>, lambda = 1e-3): LutPredictor {
    if (archs.length !== latencyMs.length || archs.length < 2) {
      throw new HwInputError(
        `hw-profiler.LutPredictor.fit: Expected >= 2 archs with one latency each but received ${archs.length} archs, ${latencyMs.length} latencies`,
      );
    }
    const enc = encodingFor(space);
    return new LutPredictor(
      space,
      ridgeFit(
        archs.map((a) => enc.indicators(a)),
        latencyMs,
        lambda,
      ),
    );
  }

  static fromJSON(json: unknown): LutPredictor {
    const j = json as Partial<LutJson> | null;
    if (!j || j.kind !== 'lut' || typeof j.intercept !== 'number' || !Array.isArray(j.weights) || !j.space) {
      throw new PredictorFileError(
        'hw-profiler.LutPredictor.fromJSON: Expected a {kind:"lut", space, intercept, weights} object; re-run `cgnas latency fit`',
      );
    }
    const enc = encodingFor(j.space);
    if (j.weights.length !== enc.indicatorSize) {
      throw new PredictorFileError(
        `hw-profiler.LutPredictor.fromJSON: Expected ${enc.indicatorSize} weights for ${j.space} but received ${j.weights.length}`,
      );
    }
    return new LutPredictor(j.space, { intercept: j.intercept, weights: Float64Array.from(j.weights) });
  }

  predict(arch: BlockArch): number {
    return ridgePredict(this.model, encodingFor(this.space).indicators(arch));
  }

  /** Fitted cost of `block` at `position` (ms, at 224 px for OFA). */
  cost(position: number, block: number): number {
    return this.model.weights[position * encodingFor(this.space).blocks.length + block]!;
  }

  toJSON(): LutJson {
    return { kind: 'lut', space: this.space, intercept: this.model.intercept, weights: Array.from(this.model.weights) };
  }
}
