// The full per-device reduction study on NAS-Bench-201, where true accuracy (CIFAR-10 test, 200 epochs)
// and measured latency exist for every cell: profile blocks (op per edge) by forced sampling, reduce the
// space, then compare NSGA-II in the original, reduced and control spaces at equal budgets.
import { loadNb201 } from '@cgnas/cg-core';

import { deviceDataset } from '../device/device-catalog.js';
import { nb201Encoding } from '../encoding/nb201-encoding.js';
import type { BlockArch } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';
import { blockProfile, type BlockProfile } from '../profile/block-profile.js';
import { compareReduction, type CompareReductionOptions, type VariantResult } from './compare-reduction.js';
import { randomControlSpace, reduceSpace, type AllowedBlocks, type ReduceSpaceOptions } from './reduce-space.js';
import { valueRange } from './value-range.js';

export interface Nb201ReductionOptions extends CompareReductionOptions, ReduceSpaceOptions {
  /** Architectures per profiling cell (Mills et al.'s N). */
  readonly profileN?: number;
  readonly profileSeed?: number;
  readonly controlSeed?: number;
}

export const NB201_REDUCTION_DEFAULTS = { profileN: 100, profileSeed: 0, controlSeed: 0 } as const;

export interface Nb201Reduction {
  readonly device: string;
  readonly profile: BlockProfile;
  readonly reduced: AllowedBlocks;
  /** The random control space of each search seed. */
  readonly control: (seed: number) => AllowedBlocks;
  readonly results: readonly VariantResult[];
}

export function nb201Reduction(device: string, options: Nb201ReductionOptions = {}): Nb201Reduction {
  const o = { ...NB201_REDUCTION_DEFAULTS, ...options };
  const ds = deviceDataset('nb201', device);
  const acc = new Map(loadNb201().map((r) => [r.archStr, r.cifar10TestAcc]));
  const index = new Map(ds.archs.map((a, i) => [a.blocks.join(','), i]));
  const accOf = ds.texts.map((t) => {
    const v = acc.get(t);
    if (v === undefined) throw new HwInputError(`hw-profiler.nb201Reduction: no NB-201 accuracy for ${t}`);
    return v;
  });
  const lookup = (blocks: readonly number[]): readonly [number, number] => {
    const i = index.get(blocks.join(','));
    if (i === undefined)
      throw new HwInputError(`hw-profiler.nb201Reduction: ${blocks.join(',')} is not an NB-201 cell`);
    return [accOf[i]!, ds.latencyMs[i]!];
  };
  const profile = blockProfile(
    nb201Encoding,
    [
      { name: 'latency', sense: 'min', label: `measured latency on ${device} (ms)` },
      { name: 'accuracy', sense: 'max', label: 'CIFAR-10 test accuracy (%, NAS-Bench-201)' },
    ],
    (archs: readonly BlockArch[]) =>
      archs.map((a) => {
        const [ac, lat] = lookup(a.blocks);
        return [lat, ac];
      }),
    { n: o.profileN, seed: o.profileSeed },
  );
  const reduced = reduceSpace(profile.friendliness[0]!, profile.friendliness[1]!, o);
  const sizes = reduced.map((r) => r.length);
  const control = (seed: number): AllowedBlocks =>
    randomControlSpace(sizes, nb201Encoding.blocks.length, o.controlSeed * 1000 + seed);
  const original = nb201Encoding.positions.map(() => nb201Encoding.blocks.map((_, b) => b));
  const results = compareReduction(
    nb201Encoding,
    { original, reduced, control },
    lookup,
    { accuracy: valueRange(accOf), latency: valueRange(ds.latencyMs) },
    o,
  );
  return { device, profile, reduced, control, results };
}
