// The genetic operators of a space restricted to allowed values per gene (BlockSubspace, OfaSubspace):
// seeded uniform sampling, a one-gene mutation to another allowed value, and uniform crossover.
import type { Rng } from '@cgnas/native';

import type { AllowedBlocks } from './reduce-space.js';

/** One allowed value per gene, drawn uniformly. */
export function sampleAllowed(allowed: AllowedBlocks, rng: Rng): readonly number[] {
  return allowed.map((a) => a[rng.int(a.length)]!);
}

/**
 * Moves one gene to another of its allowed values. Only genes with an alternative for which
 * `changesNetwork(g)` holds are drawn (e.g. OFA skips the slots of inactive layers); none: unchanged.
 */
export function mutateAllowed(
  genes: readonly number[],
  allowed: AllowedBlocks,
  rng: Rng,
  changesNetwork: (gene: number) => boolean = () => true,
): readonly number[] {
  const movable = allowed.map((a, g) => (a.length > 1 && changesNetwork(g) ? g : -1)).filter((g) => g >= 0);
  if (movable.length === 0) return genes;
  const g = movable[rng.int(movable.length)]!;
  const others = allowed[g]!.filter((b) => b !== genes[g]);
  const out = genes.slice();
  out[g] = others[rng.int(others.length)]!;
  return out;
}

/** Each gene from either parent with probability 1/2. */
export function uniformCrossover(a: readonly number[], b: readonly number[], rng: Rng): readonly number[] {
  return a.map((x, g) => (rng.float() < 0.5 ? x : b[g]!));
}
