// Block friendliness from a fixed table (a device dataset): least squares on block-at-position
// indicators. With blocks drawn uniformly, forcing block b at position p moves the expected metric by
// w[p,b] − mean_b' w[p,b'] — the regression analogue of Mills et al.'s forced-block mean minus baseline.
import type { BlockArch, HwSpace } from '../encoding/space-encoding.js';
import { encodingFor } from '../encoding/encoding-for.js';
import { HwInputError } from '../errors.js';
import { ridgeFit, ridgePredict } from '../predict/ridge-fit.js';

export interface BlockScores {
  readonly space: HwSpace;
  readonly metric: string;
  readonly blocks: readonly string[];
  readonly positions: readonly string[];
  /** friendliness[p][b]: change of the metric's mean when block b is forced at position p. */
  readonly friendliness: readonly (readonly number[])[];
  /** Per block: standard deviation of its friendliness across positions. */
  readonly placementImpact: readonly number[];
  readonly baselineMean: number;
  /** Fit quality of the additive model (in-sample R²), so a reader knows how far to trust the scores. */
  readonly r2: number;
}

export function blockRegression(
  space: HwSpace,
  metric: string,
  archs: readonly BlockArch[],
  values: ArrayLike<number>,
  lambda = 1e-3,
): BlockScores {
  if (archs.length !== values.length || archs.length < 2) {
    throw new HwInputError(
      `hw-profiler.blockRegression: Expected >= 2 archs with one value each but received ${archs.length} archs, ${values.length} values`,
    );
  }
  const enc = encodingFor(space);
  const x = archs.map((a) => enc.indicators(a));
  const model = ridgeFit(x, values, lambda);
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean /= values.length;
  let ssRes = 0;
  let ssTot = 0;
  x.forEach((r, i) => {
    ssRes += (values[i]! - ridgePredict(model, r)) ** 2;
    ssTot += (values[i]! - mean) ** 2;
  });
  const nb = enc.blocks.length;
  const friendliness = enc.positions.map((_, p) => {
    const w = enc.blocks.map((_, b) => model.weights[p * nb + b]!);
    const avg = w.reduce((s, v) => s + v, 0) / nb;
    return w.map((v) => v - avg);
  });
  return {
    space,
    metric,
    blocks: enc.blocks,
    positions: enc.positions,
    friendliness,
    placementImpact: placementImpact(friendliness, nb),
    baselineMean: mean,
    r2: ssTot > 0 ? 1 - ssRes / ssTot : 1,
  };
}

/** Std across positions of each block's friendliness. */
export function placementImpact(friendliness: readonly (readonly number[])[], nBlocks: number): number[] {
  return Array.from({ length: nBlocks }, (_, b) => {
    const v = friendliness.map((row) => row[b]!);
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length);
  });
}
