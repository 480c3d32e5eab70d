// How well any predictor can do on an NB-201 device table, estimated from exact duplicates: when edge
// 1→2 is `none`, swapping the branches 0→1→3 and 0→2→3 gives an isomorphic network (same ops, same
// shapes, live or dead), so any latency difference within such a pair is measurement noise.
import { HwInputError } from '../errors.js';
import { deviceDataset } from './device-catalog.js';

export interface NoiseCeiling {
  readonly device: string;
  readonly pairs: number;
  /** Share of pairs whose two measurements agree within ±10% (an oracle's error has half this variance). */
  readonly pairWithin10: number;
  /** Share of measurements within ±10% of their pair mean (optimistic: the pair mean is less noisy than one value). */
  readonly pairMeanWithin10: number;
  readonly medianAbsLogDiff: number;
}

export function nb201NoiseCeiling(device: string): NoiseCeiling {
  const ds = deviceDataset('nb201', device);
  const index = new Map(ds.archs.map((a, i) => [a.blocks.join(','), i]));
  const diffs: number[] = [];
  let within = 0;
  let withinMean = 0;
  ds.archs.forEach((a, i) => {
    const b = a.blocks;
    if (b[2] !== 0) return;
    const j = index.get([b[1], b[0], b[2], b[3], b[5], b[4]].join(','));
    if (j === undefined || j <= i) return;
    const x = ds.latencyMs[i]!;
    const y = ds.latencyMs[j]!;
    diffs.push(Math.abs(Math.log(x / y)));
    if (Math.abs(x / y - 1) <= 0.1) within++;
    if (Math.abs((2 * x) / (x + y) - 1) <= 0.1) withinMean++;
  });
  if (diffs.length === 0)
    throw new HwInputError(`hw-profiler.nb201NoiseCeiling: no isomorphic pairs found for ${device}`);
  diffs.sort((p, q) => p - q);
  return {
    device,
    pairs: diffs.length,
    pairWithin10: within / diffs.length,
    pairMeanWithin10: withinMean / diffs.length,
    medianAbsLogDiff: diffs[Math.floor(diffs.length / 2)]!,
  };
}
