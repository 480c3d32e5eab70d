// Block profiling by forced sampling, after Mills et al., "Profiling Neural Blocks and Design Spaces for
// Mobile NAS" (CIKM 2021): a random baseline of N architectures, then for each (unit, layer, block) N
// fresh architectures with that block forced there; per metric the mean, std, quartiles, best and worst.
// The depth rule d_u ← max(d_u, l + 1) keeps the forced block active; `legacy` reproduces the released
// code, which left depths alone so the forced block was often inactive.
import { Rng } from '@cgnas/native';

import type { BlockArch, SpaceEncoding } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';
import { placementImpact } from './block-regression.js';

export interface ProfileMetric {
  readonly name: string;
  readonly sense: 'min' | 'max';
  /** e.g. "measured latency (ms)" or "predicted accuracy (%)" — carried into every output. */
  readonly label?: string;
}

export interface BlockProfileOptions {
  readonly n?: number;
  readonly seed?: number;
  readonly depthRule?: 'correct' | 'legacy';
  /** Called after each (position, block) cell with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

export const BLOCK_PROFILE_DEFAULTS = { n: 100, seed: 0, depthRule: 'correct' } as const;

export interface SampleStats {
  readonly mean: number;
  readonly std: number;
  readonly q25: number;
  readonly median: number;
  readonly q75: number;
  readonly best: number;
  readonly worst: number;
}

export interface BlockProfile {
  readonly metrics: readonly ProfileMetric[];
  readonly blocks: readonly string[];
  readonly positions: readonly string[];
  readonly n: number;
  readonly depthRule: 'correct' | 'legacy';
  readonly baseline: readonly SampleStats[];
  /** cells[p][b]: per-metric stats with block b forced at position p, and the share where it was active. */
  readonly cells: readonly (readonly { readonly stats: readonly SampleStats[]; readonly activeFraction: number }[])[];
  /** friendliness[m][p][b] = cell mean − baseline mean. */
  readonly friendliness: readonly (readonly (readonly number[])[])[];
  /** placementImpact[m][b]: std across positions of friendliness. */
  readonly placementImpact: readonly (readonly number[])[];
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function sampleStats(values: readonly number[], sense: 'min' | 'max'): SampleStats {
  if (values.length === 0)
    throw new HwInputError('hw-profiler.sampleStats: Expected at least one value but received none');
  const s = values.slice().sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const std = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / s.length);
  const lo = s[0]!;
  const hi = s[s.length - 1]!;
  return {
    mean,
    std,
    q25: quantile(s, 0.25),
    median: quantile(s, 0.5),
    q75: quantile(s, 0.75),
    best: sense === 'min' ? lo : hi,
    worst: sense === 'min' ? hi : lo,
  };
}

/** Forces `block` at position `p`; returns the arch and whether the block is active in it. */
export function forceBlock(
  enc: SpaceEncoding,
  arch: BlockArch,
  p: number,
  block: number,
  rule: 'correct' | 'legacy',
  rng: Rng,
): { arch: BlockArch; active: boolean } {
  const blocks = arch.blocks.slice();
  if (enc.depthChoices.length === 0) {
    blocks[p] = block;
    return { arch: { ...arch, blocks }, active: true };
  }
  const u = enc.unitOf[p]!;
  const l = enc.layerOf[p]!;
  const depths = arch.depths.slice();
  if (rule === 'correct' && depths[u]! < l + 1) {
    // Newly activated layers between the old depth and l get fresh random blocks.
    const old = depths[u]!;
    depths[u] = l + 1;
    enc.positions.forEach((_, q) => {
      if (enc.unitOf[q] === u && enc.layerOf[q]! >= old && enc.layerOf[q]! < l) blocks[q] = rng.int(enc.blocks.length);
    });
  }
  const active = l < depths[u]!;
  blocks[p] = active ? block : -1;
  return { arch: { ...arch, blocks, depths }, active };
}

/** The architectures a profile evaluates: the baseline batch, then one batch per (position, block). */
export interface ProfilePlan {
  readonly baseline: readonly BlockArch[];
  readonly cells: readonly (readonly { readonly archs: readonly BlockArch[]; readonly activeFraction: number }[])[];
}

export function planBlockProfile(
  enc: SpaceEncoding,
  metrics: readonly ProfileMetric[],
  options: BlockProfileOptions = {},
): ProfilePlan {
  const o = { ...BLOCK_PROFILE_DEFAULTS, ...options };
  if (!Number.isInteger(o.n) || o.n < 2)
    throw new HwInputError(`hw-profiler.blockProfile: Expected an integer >= 2 for n but received ${o.n}`);
  if (metrics.length === 0)
    throw new HwInputError('hw-profiler.blockProfile: Expected at least one metric but received []');
  const rng = new Rng(o.seed);
  const next = (k: number): number => rng.int(k);
  const baseline = Array.from({ length: o.n }, () => enc.sample(next));
  const cells = enc.positions.map((_, p) =>
    enc.blocks.map((_, b) => {
      let active = 0;
      const archs = Array.from({ length: o.n }, () => {
        const f = forceBlock(enc, enc.sample(next), p, b, o.depthRule, rng);
        if (f.active) active++;
        return f.arch;
      });
      return { archs, activeFraction: active / o.n };
    }),
  );
  return { baseline, cells };
}

/** Turns a plan and its metric values (`values(batch)` per batch, in plan order) into the profile. */
export function summarizeBlockProfile(
  enc: SpaceEncoding,
  metrics: readonly ProfileMetric[],
  plan: ProfilePlan,
  values: (archs: readonly BlockArch[]) => readonly (readonly number[])[],
  options: BlockProfileOptions = {},
): BlockProfile {
  const o = { ...BLOCK_PROFILE_DEFAULTS, ...options };
  const stats = (archs: readonly BlockArch[]): SampleStats[] => {
    const vals = values(archs);
    if (vals.length !== archs.length)
      throw new HwInputError(
        `hw-profiler.blockProfile: evaluate returned ${vals.length} rows for ${archs.length} archs`,
      );
    return metrics.map((m, k) =>
      sampleStats(
        vals.map((v) => v[k]!),
        m.sense,
      ),
    );
  };
  const baseline = stats(plan.baseline);
  const total = enc.positions.length * enc.blocks.length;
  let done = 0;
  const cells = plan.cells.map((row) =>
    row.map((c) => {
      const cell = { stats: stats(c.archs), activeFraction: c.activeFraction };
      o.onProgress?.(++done, total);
      return cell;
    }),
  );
  const friendliness = metrics.map((_, k) => cells.map((row) => row.map((c) => c.stats[k]!.mean - baseline[k]!.mean)));
  return {
    metrics,
    blocks: enc.blocks,
    positions: enc.positions,
    n: o.n,
    depthRule: o.depthRule,
    baseline,
    cells,
    friendliness,
    placementImpact: friendliness.map((f) => placementImpact(f, enc.blocks.length)),
  };
}

export function blockProfile(
  enc: SpaceEncoding,
  metrics: readonly ProfileMetric[],
  evaluate: (archs: readonly BlockArch[]) => readonly (readonly number[])[],
  options: BlockProfileOptions = {},
): BlockProfile {
  return summarizeBlockProfile(enc, metrics, planBlockProfile(enc, metrics, options), evaluate, options);
}
