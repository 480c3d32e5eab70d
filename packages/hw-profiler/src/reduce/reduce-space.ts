// Per-device design-space reduction from block scores (Mills et al., CIKM 2021, §5): at each position
// keep only blocks that no other block beats on both latency friendliness and accuracy friendliness
// (or, without accuracy scores, drop the slowest blocks), never keeping fewer than `minKeep`.
import { Rng } from '@cgnas/native';

import { HwInputError } from '../errors.js';

export interface ReduceSpaceOptions {
  readonly minKeep?: number;
  /** Without accuracy scores: blocks to drop per position. */
  readonly dropSlowest?: number;
}

export const REDUCE_SPACE_DEFAULTS = { minKeep: 3, dropSlowest: 3 } as const;

/** Allowed block indices per position. */
export type AllowedBlocks = readonly (readonly number[])[];

export function reduceSpace(
  latency: readonly (readonly number[])[],
  accuracy: readonly (readonly number[])[] | null,
  options: ReduceSpaceOptions = {},
): AllowedBlocks {
  const o = { ...REDUCE_SPACE_DEFAULTS, ...options };
  if (latency.length === 0)
    throw new HwInputError(
      'hw-profiler.reduceSpace: Expected latency scores for at least one position but received none',
    );
  if (accuracy && accuracy.length !== latency.length) {
    throw new HwInputError(
      `hw-profiler.reduceSpace: Expected accuracy scores for ${latency.length} positions but received ${accuracy.length}`,
    );
  }
  return latency.map((lat, p) => {
    const nb = lat.length;
    const byLatency = Array.from({ length: nb }, (_, b) => b).sort((a, b) => lat[a]! - lat[b]!);
    let keep: number[];
    if (accuracy) {
      const acc = accuracy[p]!;
      keep = byLatency.filter(
        (b) =>
          !byLatency.some(
            (c) => c !== b && lat[c]! <= lat[b]! && acc[c]! >= acc[b]! && (lat[c]! < lat[b]! || acc[c]! > acc[b]!),
          ),
      );
    } else {
      keep = byLatency.slice(0, Math.max(1, nb - o.dropSlowest));
    }
    for (const b of byLatency) if (keep.length < Math.min(o.minKeep, nb) && !keep.includes(b)) keep.push(b);
    return keep.sort((a, b) => a - b);
  });
}

/** A random space with the same number of blocks per position (the control in the comparison). */
export function randomControlSpace(sizes: readonly number[], nBlocks: number, seed: number): AllowedBlocks {
  const rng = new Rng(seed, 11);
  return sizes.map((k) => {
    const all = Array.from({ length: nBlocks }, (_, b) => b);
    for (let i = nBlocks - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    return all.slice(0, k).sort((a, b) => a - b);
  });
}
