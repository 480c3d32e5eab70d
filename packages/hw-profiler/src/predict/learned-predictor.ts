// The learned latency predictor: gradient-boosted trees on log latency over the raw block indicators
// and per-space cost features (see latency-features.ts). Log targets make the ±10% criterion a
// symmetric band and stop the slowest networks from dominating the squared loss. Optional trimming
// (iteratively refit without the training networks the previous fit missed most) is a robust fit for
// device tables with heavy-tailed measurement outliers (HW-NAS-Bench Raspberry Pi 4 / Pixel 3), where
// the squared loss chases single slow measurements that a ±10% criterion cannot win anyway.
import type { BlockArch, HwSpace } from '../encoding/space-encoding.js';
import { HwInputError, PredictorFileError } from '../errors.js';
import { GBT_DEFAULTS, GbtRegressor, type GbtOptions } from './gbt-regressor.js';
import { latencyFeatures } from './latency-features.js';

export const LEARNED_PREDICTOR_DEFAULTS: Required<GbtOptions> = { ...GBT_DEFAULTS, trees: 400, learningRate: 0.08 };

export interface TrimOptions {
  /** Refits after dropping the worst-fitted training networks; 0 fits once. */
  readonly rounds?: number;
  /** Share of training networks kept by residual rank in each refit. */
  readonly keep?: number;
  /** Never drop a network whose |log residual| is at most this (≈ ±15%). */
  readonly minCut?: number;
}

export const TRIM_DEFAULTS: Required<TrimOptions> = { rounds: 0, keep: 0.85, minCut: 0.15 };

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
    trim: TrimOptions = {},
  ): LearnedPredictor {
    const t = { ...TRIM_DEFAULTS, ...trim };
    if (!Number.isInteger(t.rounds) || t.rounds < 0 || !(t.keep > 0 && t.keep <= 1) || !(t.minCut >= 0)) {
      throw new HwInputError(
        `hw-profiler.LearnedPredictor.fit: Expected trim rounds >= 0 (integer), keep in (0, 1], minCut >= 0 but received ${t.rounds}, ${t.keep}, ${t.minCut}`,
      );
    }
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
    const o = { ...LEARNED_PREDICTOR_DEFAULTS, ...options };
    let gbt = GbtRegressor.fit(x, y, o);
    for (let r = 0; r < t.rounds; r++) {
      const res = x.map((f, i) => Math.abs(y[i]! - gbt.predict(f)));
      const sorted = res.slice().sort((a, b) => a - b);
      const cut = Math.max(t.minCut, sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * t.keep))]!);
      const keep = res.flatMap((v, i) => (v <= cut ? [i] : []));
      if (keep.length < 2 || keep.length === x.length) break;
      gbt = GbtRegressor.fit(
        keep.map((i) => x[i]!),
        Float64Array.from(keep, (i) => y[i]!),
        o,
      );
    }
    return new LearnedPredictor(space, gbt);
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
