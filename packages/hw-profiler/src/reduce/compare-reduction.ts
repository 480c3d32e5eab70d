// The space-reduction experiment of Mills et al. (CIKM 2021, §5): NSGA-II (search package) at an equal
// evaluation budget in the original, the reduced and a same-size random control space, seeded, scored
// by the hypervolume of (accuracy, latency) normalised to the original space's ranges.
import { Rng } from '@cgnas/native';
import { hypervolume, nonDominatedSort, nsga2Strategy, type Evaluated, type SearchSpace } from '@cgnas/search';

import type { SpaceEncoding } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';
import { BlockSubspace } from './block-subspace.js';
import type { AllowedBlocks } from './reduce-space.js';

export interface CompareReductionOptions {
  readonly budget?: number;
  readonly population?: number;
  readonly seeds?: readonly number[];
  readonly hashOf?: (blocks: readonly number[]) => string;
  /** Builds the searched space from allowed choices per gene; defaults to a fixed-depth BlockSubspace. */
  readonly makeSpace?: (allowed: AllowedBlocks) => GeneSpace;
}

/** A search space over gene vectors that knows its allowed choices and how many networks it holds. */
export type GeneSpace = SearchSpace<readonly number[]> & { readonly size: number; readonly allowed: AllowedBlocks };

export const COMPARE_REDUCTION_DEFAULTS = {
  budget: 100,
  population: 20,
  seeds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
} as const;

export type SpaceVariant = 'original' | 'reduced' | 'control';

export interface VariantResult {
  readonly variant: SpaceVariant;
  readonly size: number;
  readonly hypervolumes: readonly number[];
  readonly hypervolume: number;
  /** The space of the first seed (controls differ per seed). */
  readonly allowed: AllowedBlocks;
  /** Non-dominated [latency, accuracy] points of the first seed's run (for plots). */
  readonly front: readonly (readonly [number, number])[];
}

/** [accuracy (max), latency (min)] of an architecture. */
export type Objectives = (blocks: readonly number[]) => readonly [number, number];

export function compareReduction(
  enc: SpaceEncoding,
  /** A space per variant, or one per seed (a fresh random control per seed averages out its luck). */
  variants: Readonly<Record<SpaceVariant, AllowedBlocks | ((seed: number) => AllowedBlocks)>>,
  objectives: Objectives,
  bounds: { readonly accuracy: readonly [number, number]; readonly latency: readonly [number, number] },
  options: CompareReductionOptions = {},
): VariantResult[] {
  const o = { ...COMPARE_REDUCTION_DEFAULTS, ...options };
  if (!Number.isInteger(o.budget) || o.budget < o.population) {
    throw new HwInputError(
      `hw-profiler.compareReduction: Expected an integer budget >= population (${o.population}) but received ${o.budget}`,
    );
  }
  const [a0, a1] = bounds.accuracy;
  const [l0, l1] = bounds.latency;
  if (!(a1 > a0 && l1 > l0))
    throw new HwInputError(
      'hw-profiler.compareReduction: Expected increasing [min, max] bounds for accuracy and latency',
    );
  // Clamped to [0, 1]: where the bounds come from a sample (predicted spaces), a point beyond them counts
  // as on the bound, so no variant earns hypervolume outside the reference box (exact bounds never clamp).
  const unit = (v: number): number => Math.min(1, Math.max(0, v));
  const norm = ([acc, lat]: readonly [number, number]): number[] => [
    unit((a1 - acc) / (a1 - a0)),
    unit((lat - l0) / (l1 - l0)),
  ];
  return (['original', 'reduced', 'control'] as const).map((variant) => {
    const spaceOf = (seed: number): GeneSpace => {
      const v = variants[variant];
      const allowed = typeof v === 'function' ? v(seed) : v;
      return o.makeSpace ? o.makeSpace(allowed) : new BlockSubspace(enc, allowed, o.hashOf);
    };
    const first = spaceOf(o.seeds[0] ?? 0);
    const hvs: number[] = [];
    let front: (readonly [number, number])[] = [];
    for (const seed of o.seeds) {
      const space = spaceOf(seed);
      const strategy = nsga2Strategy(
        space,
        [
          { name: 'accuracy', sense: 'max' },
          { name: 'latency', sense: 'min' },
        ],
        new Rng(seed, 3),
        {
          population: o.population,
        },
      );
      const known = new Map<string, readonly [number, number]>();
      let id = 0;
      let stalls = 0;
      while (known.size < o.budget && stalls < 50) {
        const asked = strategy.ask(Math.min(o.population, o.budget - known.size), (h) => known.has(h));
        if (!Array.isArray(asked))
          throw new HwInputError('hw-profiler.compareReduction: expected a synchronous NSGA-II strategy');
        const batch = asked as readonly (readonly number[])[];
        const results: Evaluated<readonly number[]>[] = [];
        let fresh = 0;
        for (const arch of batch) {
          const h = space.hash(arch);
          let v = known.get(h);
          if (!v && known.size < o.budget) {
            v = objectives(arch);
            known.set(h, v);
            fresh++;
          }
          results.push({ id: id++, arch, hash: h, objectives: v ? [v[0], v[1]] : null });
        }
        stalls = fresh === 0 ? stalls + 1 : 0;
        strategy.tell(results);
      }
      const pts = [...known.values()];
      hvs.push(hypervolume(pts.map(norm), [1, 1]));
      if (front.length === 0) {
        const first = nonDominatedSort(pts.map(norm))[0] ?? [];
        front = first.map((i) => [pts[i]![1], pts[i]![0]] as const).sort((x, y) => x[0] - y[0]);
      }
    }
    return {
      variant,
      allowed: first.allowed,
      size: first.size,
      hypervolumes: hvs,
      hypervolume: hvs.reduce((s, v) => s + v, 0) / hvs.length,
      front,
    };
  });
}
