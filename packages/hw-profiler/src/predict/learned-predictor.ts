// The learned latency predictor: gradient-boosted trees on log latency over the raw block indicators
// and per-space cost features (see latency-features.ts). Log targets make the ±10% criterion a
// symmetric band and stop the slowest networks from dominating the squared loss.
import type { BlockArch, HwSpace } from '../encoding/space-encoding.js';
import { HwInputError, PredictorFileError } from '../errors.js';
import { GBT_DEFAULTS, GbtRegressor, type GbtOptions } from './gbt-regressor.js';
import { latencyFeatures } from './latency-features.js';

export const LEARNED_PREDICTOR_DEFAULTS: Required<GbtOptions> = { ...GBT_DEFAULTS, trees: 400, learningRate: 0.08 };

export interface LearnedJson {
  readonly kind: 'learned';
  readonly space: HwSpace;
  readonly gbt: unknown;
}

export class LearnedPredictor {
  private constructor(
    readonly space: HwSpace,
    private readonly gbt: GbtRegressor,
  ) {}

  static fit(
    space: HwSpace,
    archs: readonly BlockArch[],
    latencyMs: ArrayLike<number>,
    options: GbtOptions = {},
  ): LearnedPredictor {
    if (archs.length !== latencyMs.length || archs.length < 2) {
      throw new HwInputError(
        `hw-profiler.LearnedPredictor.fit: Expected >= 2 archs with one latency each but received ${archs.length} archs, ${latencyMs.length} latencies`,
      );
    }
    const y = Float64Array.from(latencyMs, (v) => {
      if (!(v > 0))
        throw new HwInputError(`hw-profiler.LearnedPredictor.fit: Expected positive latencies but received ${v}`);
      return Math.log(v);
    });
    const x = archs.map((a) => latencyFeatures(space, a));
    return new LearnedPredictor(space, GbtRegressor.fit(x, y, { ...LEARNED_PREDICTOR_DEFAULTS, ...options }));
  }

  static fromJSON(json: unknown): LearnedPredictor {
    const j = json as Partial<LearnedJson> | null;
    if (!j || j.kind !== 'learned' || !j.space) {
      throw new PredictorFileError(
        'hw-profiler.LearnedPredictor.fromJSON: Expected a {kind:"learned", space, gbt} object; re-run `cgnas latency fit`',
      );
    }
    return new LearnedPredictor(j.space, GbtRegressor.fromJSON(j.gbt));
  }

  predict(arch: BlockArch): number {
    return Math.exp(this.gbt.predict(latencyFeatures(this.space, arch)));
  }

  toJSON(): LearnedJson {
    return { kind: 'learned', space: this.space, gbt: this.gbt.toJSON() };
  }
}
