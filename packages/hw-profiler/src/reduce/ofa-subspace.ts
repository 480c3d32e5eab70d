// OFA-MobileNetV3 restricted to allowed blocks per layer and allowed depths per unit, at one input
// resolution, as a search-package SearchSpace over gene vectors: 20 block genes (a block index per
// layer slot, kept even where the unit is shallower so mutation can deepen a unit) then 5 depth genes
// (index into depth choices 2/3/4). Networks that differ only in inactive slots share a hash.
import type { ComputationGraph } from '@cgnas/cg-core';
import type { Rng } from '@cgnas/native';
import type { SearchSpace } from '@cgnas/search';

import { blockArchGraph } from '../accuracy/ensemble-accuracy.js';
import { ofaMbv3Encoding } from '../encoding/ofa-mbv3-encoding.js';
import type { BlockArch } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';
import { mutateAllowed, sampleAllowed, uniformCrossover } from './allowed-genes.js';
import type { AllowedBlocks } from './reduce-space.js';

const SLOTS = 20;
const UNITS = 5;
const LAYERS = 4;

export class OfaSubspace implements SearchSpace<readonly number[]> {
  readonly name = 'ofa-mbv3-subspace';
  readonly featureSize = ofaMbv3Encoding.indicatorSize;

  constructor(
    /** 20 lists of block indices (0..8), then 5 lists of depth indices (0..2 → depth 2..4). */
    readonly allowed: AllowedBlocks,
    readonly resolution = 224,
  ) {
    const nb = ofaMbv3Encoding.blocks.length;
    const nd = ofaMbv3Encoding.depthChoices.length;
    if (
      allowed.length !== SLOTS + UNITS ||
      allowed.some(
        (a, g) => a.length === 0 || a.some((b) => !Number.isInteger(b) || b < 0 || b >= (g < SLOTS ? nb : nd)),
      )
    ) {
      throw new HwInputError(
        `hw-profiler.OfaSubspace: Expected ${SLOTS} non-empty block lists (0..${nb - 1}) then ${UNITS} depth lists (0..${nd - 1})`,
      );
    }
    if (!ofaMbv3Encoding.resolutions.includes(resolution)) {
      throw new HwInputError(
        `hw-profiler.OfaSubspace: Expected a resolution in 128..224 (step 4) but received ${resolution}`,
      );
    }
  }

  /** Distinct networks: per unit, the sum over allowed depths of the product of its active slots' choices. */
  get size(): number {
    let total = 1;
    for (let u = 0; u < UNITS; u++) {
      let unit = 0;
      for (const di of this.allowed[SLOTS + u]!) {
        const d = ofaMbv3Encoding.depthChoices[di]!;
        let prod = 1;
        for (let l = 0; l < d; l++) prod *= this.allowed[u * LAYERS + l]!.length;
        unit += prod;
      }
      total *= unit;
    }
    return total;
  }

  /** The block view of a gene vector (slots beyond a unit's depth inactive). */
  toArch(genes: readonly number[]): BlockArch {
    const depths = genes.slice(SLOTS).map((di) => ofaMbv3Encoding.depthChoices[di]!);
    const blocks = genes.slice(0, SLOTS).map((b, p) => (p % LAYERS < depths[Math.floor(p / LAYERS)]! ? b : -1));
    return { blocks, depths, resolution: this.resolution };
  }

  sample(rng: Rng): readonly number[] {
    return sampleAllowed(this.allowed, rng);
  }

  mutate(genes: readonly number[], rng: Rng): readonly number[] {
    // Only genes that change the network: depths, and the block slots of active layers.
    const arch = this.toArch(genes);
    return mutateAllowed(genes, this.allowed, rng, (g) => g >= SLOTS || arch.blocks[g]! >= 0);
  }

  crossover(a: readonly number[], b: readonly number[], rng: Rng): readonly number[] {
    return uniformCrossover(a, b, rng);
  }

  hash(genes: readonly number[]): string {
    return ofaMbv3Encoding.format(this.toArch(genes));
  }

  encode(genes: readonly number[]): string {
    return genes.join(',');
  }

  decode(text: string): readonly number[] {
    const genes = text.split(',').map(Number);
    if (genes.length !== SLOTS + UNITS || genes.some((v, g) => !this.allowed[g]!.includes(v))) {
      throw new HwInputError(`hw-profiler.OfaSubspace.decode: ${text} is not a gene vector of this subspace`);
    }
    return genes;
  }

  features(genes: readonly number[]): Float64Array {
    return ofaMbv3Encoding.indicators(this.toArch(genes));
  }

  toGraph(genes: readonly number[]): ComputationGraph {
    return blockArchGraph('ofa-mbv3', this.toArch(genes));
  }
}
