// Honest per-device evaluation of the latency predictors: a seeded train/validation/test split, both
// predictors fitted on train, the one with the better validation ±10% share chosen, and only the
// chosen one reported on test (the test split is never used to choose).
import { Rng } from '@cgnas/native';

import { deviceDataset } from '../device/device-catalog.js';
import type { HwSpace } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';
import type { GbtOptions } from './gbt-regressor.js';
import { LearnedPredictor, type TrimOptions } from './learned-predictor.js';
import { latencyMetrics, type LatencyMetrics } from './latency-metrics.js';
import { LutPredictor } from './lut-predictor.js';

export interface EvaluatePredictorsOptions {
  readonly seed?: number;
  readonly trainFraction?: number;
  readonly validFraction?: number;
  /** Caps the train split (speed); 0 means no cap. */
  readonly maxTrain?: number;
  readonly gbt?: GbtOptions;
  /** Robust refits of the learned predictor (see LearnedPredictor); rounds 0 fits once. */
  readonly trim?: TrimOptions;
}

export const EVALUATE_PREDICTORS_DEFAULTS = {
  seed: 0,
  trainFraction: 0.5,
  validFraction: 0.1,
  maxTrain: 0,
  gbt: {},
  trim: {},
} as const;

export interface PredictorEvaluation {
  readonly device: string;
  readonly space: HwSpace;
  readonly lut: LatencyMetrics;
  readonly learned: LatencyMetrics;
  readonly chosen: 'lut' | 'learned';
  /** Test metrics of the chosen predictor. */
  readonly best: LatencyMetrics;
}

export function evaluatePredictors(
  space: HwSpace,
  device: string,
  options: EvaluatePredictorsOptions = {},
): PredictorEvaluation {
  const o = { ...EVALUATE_PREDICTORS_DEFAULTS, ...options };
  if (!(o.trainFraction > 0 && o.validFraction > 0 && o.trainFraction + o.validFraction < 1)) {
    throw new HwInputError(
      `hw-profiler.evaluatePredictors: Expected trainFraction, validFraction > 0 with a sum < 1 but received ${o.trainFraction}, ${o.validFraction}`,
    );
  }
  const ds = deviceDataset(space, device);
  const n = ds.archs.length;
  const rng = new Rng(o.seed);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  let nTrain = Math.floor(n * o.trainFraction);
  const nValid = Math.floor(n * o.validFraction);
  const valid = perm.slice(nTrain, nTrain + nValid);
  const test = perm.slice(nTrain + nValid);
  if (o.maxTrain > 0) nTrain = Math.min(nTrain, o.maxTrain);
  const train = perm.slice(0, nTrain);
  const archs = (idx: number[]) => idx.map((i) => ds.archs[i]!);
  const lat = (idx: number[]) => idx.map((i) => ds.latencyMs[i]!);
  const lut = LutPredictor.fit(space, archs(train), lat(train));
  const learned = LearnedPredictor.fit(space, archs(train), lat(train), { seed: o.seed, ...o.gbt }, o.trim);
  const score = (p: { predict(a: (typeof ds.archs)[number]): number }, idx: number[]) =>
    latencyMetrics(
      lat(idx),
      idx.map((i) => p.predict(ds.archs[i]!)),
    );
  const lv = score(lut, valid);
  const gv = score(learned, valid);
  const chosen = lv.within10 >= gv.within10 ? 'lut' : 'learned';
  const lt = score(lut, test);
  const gt = score(learned, test);
  return { device, space, lut: lt, learned: gt, chosen, best: chosen === 'lut' ? lt : gt };
}
