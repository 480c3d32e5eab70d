// A fixed-depth block space restricted to allowed blocks per position, as a search-package SearchSpace,
// so NSGA-II runs unchanged in the original, reduced and control spaces.
import type { Rng } from '@cgnas/native';
import type { ComputationGraph } from '@cgnas/cg-core';
import type { SearchSpace } from '@cgnas/search';

import type { SpaceEncoding } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';
import { mutateAllowed, sampleAllowed, uniformCrossover } from './allowed-genes.js';
import type { AllowedBlocks } from './reduce-space.js';

export class BlockSubspace implements SearchSpace<readonly number[]> {
  readonly name: string;
  readonly featureSize: number;

  constructor(
    private readonly enc: SpaceEncoding,
    readonly allowed: AllowedBlocks,
    /** Canonical hash (e.g. NB-201 isomorphism classes); defaults to the block list. */
    private readonly hashOf: (blocks: readonly number[]) => string = (b) => b.join(','),
  ) {
    if (enc.depthChoices.length > 0) {
      throw new HwInputError(
        `hw-profiler.BlockSubspace: Expected a fixed-depth space but ${enc.space} varies depth; cap depths before searching`,
      );
    }
    if (
      allowed.length !== enc.positions.length ||
      allowed.some((a) => a.length === 0 || a.some((b) => !(b >= 0 && b < enc.blocks.length)))
    ) {
      throw new HwInputError(
        `hw-profiler.BlockSubspace: Expected a non-empty list of valid blocks for each of ${enc.positions.length} positions`,
      );
    }
    this.name = `${enc.space}-subspace`;
    this.featureSize = enc.indicatorSize;
  }

  /** Number of architectures in the subspace. */
  get size(): number {
    return this.allowed.reduce((s, a) => s * a.length, 1);
  }

  sample(rng: Rng): readonly number[] {
    return sampleAllowed(this.allowed, rng);
  }

  mutate(arch: readonly number[], rng: Rng): readonly number[] {
    return mutateAllowed(arch, this.allowed, rng);
  }

  crossover(a: readonly number[], b: readonly number[], rng: Rng): readonly number[] {
    return uniformCrossover(a, b, rng);
  }

  hash(arch: readonly number[]): string {
    return this.hashOf(arch);
  }

  encode(arch: readonly number[]): string {
    return this.enc.format({ blocks: arch, depths: [], resolution: 0 });
  }

  decode(text: string): readonly number[] {
    const blocks = this.enc.parse(text).blocks;
    if (blocks.some((b, p) => !this.allowed[p]!.includes(b))) {
      throw new HwInputError(`hw-profiler.BlockSubspace.decode: ${text} uses a block outside the subspace`);
    }
    return blocks;
  }

  features(arch: readonly number[]): Float64Array {
    return this.enc.indicators({ blocks: arch, depths: [], resolution: 0 });
  }

  toGraph(): ComputationGraph {
    throw new HwInputError(
      'hw-profiler.BlockSubspace.toGraph: the subspace has no graph builder; build graphs with cg-core family builders',
    );
  }
}
