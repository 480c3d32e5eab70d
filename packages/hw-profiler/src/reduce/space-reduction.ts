// The reduction study on spaces without measured accuracy (FBNet of HW-NAS-Bench/HELP, OFA-MobileNetV3
// of HELP): latency friendliness by regression on the device's measured table, accuracy friendliness by
// regression on a seeded pool scored by an accuracy model (the ensemble predictor, labelled as such),
// then NSGA-II in the original, reduced and same-size random control spaces with latency from the
// device's lookup table and accuracy from the same model. OFA depths are genes reduced like blocks,
// scored by the marginal mean at each depth (Mills et al.'s forced sampling, read off uniform samples);
// the OFA control randomises blocks only, keeping the reduced depths, so its size matches exactly.
import { Rng } from '@cgnas/native';

import type { AccuracyModel } from '../accuracy/ensemble-accuracy.js';
import { deviceDataset } from '../device/device-catalog.js';
import { encodingFor } from '../encoding/encoding-for.js';
import type { BlockArch, HwSpace } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';
import { LutPredictor } from '../predict/lut-predictor.js';
import { blockRegression, type BlockScores } from '../profile/block-regression.js';
import { BlockSubspace } from './block-subspace.js';
import {
  compareReduction,
  type CompareReductionOptions,
  type GeneSpace,
  type VariantResult,
} from './compare-reduction.js';
import { OfaSubspace } from './ofa-subspace.js';
import { randomControlSpace, reduceSpace, type AllowedBlocks, type ReduceSpaceOptions } from './reduce-space.js';
import { valueRange } from './value-range.js';

export interface SpaceReductionOptions extends CompareReductionOptions, ReduceSpaceOptions {
  /** Networks drawn to fit accuracy friendliness. */
  readonly pool?: number;
  readonly poolSeed?: number;
  readonly controlSeed?: number;
  /** OFA-MBv3: the input resolution searched. */
  readonly resolution?: number;
}

export const SPACE_REDUCTION_DEFAULTS = { pool: 400, poolSeed: 0, controlSeed: 0, resolution: 224 } as const;

export interface SpaceReduction {
  readonly space: HwSpace;
  readonly device: string;
  readonly latencyLabel: string;
  readonly accuracyLabel: string;
  readonly latency: BlockScores;
  readonly accuracy: BlockScores;
  /** Names of the genes (positions, then OFA unit depths). */
  readonly genes: readonly string[];
  /** Choice names per gene. */
  readonly choices: readonly (readonly string[])[];
  readonly reduced: AllowedBlocks;
  readonly control: (seed: number) => AllowedBlocks;
  readonly results: readonly VariantResult[];
}

/** Mean of `values` per depth choice of each unit, minus the overall mean. */
function depthScores(
  archs: readonly BlockArch[],
  values: ArrayLike<number>,
  depthChoices: readonly number[],
): number[][] {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]!;
  mean /= values.length;
  const units = archs[0]?.depths.length ?? 0;
  return Array.from({ length: units }, (_, u) =>
    depthChoices.map((d) => {
      let s = 0;
      let n = 0;
      archs.forEach((a, i) => {
        if (a.depths[u] === d) {
          s += values[i]!;
          n++;
        }
      });
      // A depth never drawn is scored as the mean: it neither wins nor loses the dominance test.
      return n > 0 ? s / n - mean : 0;
    }),
  );
}

export function spaceReduction(
  space: HwSpace,
  device: string,
  accuracy: AccuracyModel,
  options: SpaceReductionOptions = {},
): SpaceReduction {
  const o = { ...SPACE_REDUCTION_DEFAULTS, ...options };
  if (space === 'nb201') {
    throw new HwInputError(
      'hw-profiler.spaceReduction: NB-201 has measured accuracy; use nb201Reduction (true accuracy and latency)',
    );
  }
  if (!Number.isInteger(o.pool) || o.pool < 20) {
    throw new HwInputError(`hw-profiler.spaceReduction: Expected an integer pool >= 20 but received ${o.pool}`);
  }
  const enc = encodingFor(space);
  const ds = deviceDataset(space, device);
  const isOfa = space === 'ofa-mbv3';
  const latencyLabel = `predicted latency on ${device} (ms, per-block lookup table fitted on ${ds.archs.length} measured networks of ${ds.source === 'help' ? 'HELP' : 'HW-NAS-Bench'})`;
  const lut = LutPredictor.fit(space, ds.archs, ds.latencyMs);
  const latency = blockRegression(space, `latency on ${device} (ms, measured table)`, ds.archs, ds.latencyMs);

  const rng = new Rng(o.poolSeed, 17);
  const pool = Array.from({ length: o.pool }, () => {
    const a = enc.sample((k) => rng.int(k));
    return isOfa ? { ...a, resolution: o.resolution } : a;
  });
  const poolAcc = accuracy.predict(pool);
  const acc = blockRegression(space, accuracy.label, pool, poolAcc);
  const blockGenes = reduceSpace(latency.friendliness, acc.friendliness, o);
  const nb = enc.blocks.length;
  let reduced: AllowedBlocks = blockGenes;
  let control = (seed: number): AllowedBlocks =>
    randomControlSpace(
      blockGenes.map((g) => g.length),
      nb,
      o.controlSeed * 1000 + seed,
    );
  let makeSpace: (allowed: AllowedBlocks) => GeneSpace = (allowed) => new BlockSubspace(enc, allowed);
  let toArch = (genes: readonly number[]): BlockArch => ({ blocks: genes, depths: [], resolution: 0 });
  let genes = [...enc.positions];
  let choices: string[][] = enc.positions.map(() => [...enc.blocks]);
  const original: number[][] = enc.positions.map(() => enc.blocks.map((_, b) => b));
  if (isOfa) {
    const dc = enc.depthChoices;
    const depthLat = depthScores(ds.archs, ds.latencyMs, dc);
    const depthAcc = depthScores(pool, poolAcc, dc);
    const depthGenes = reduceSpace(depthLat, depthAcc, { minKeep: 1 });
    reduced = [...blockGenes, ...depthGenes];
    // The control draws random blocks with the reduced space's count per slot and keeps its depth
    // choices, so both hold exactly the same number of distinct networks (random depths would not).
    control = (seed) => [
      ...randomControlSpace(
        blockGenes.map((g) => g.length),
        nb,
        o.controlSeed * 1000 + seed,
      ),
      ...depthGenes,
    ];
    for (let u = 0; u < depthGenes.length; u++) original.push(dc.map((_, i) => i));
    makeSpace = (allowed) => new OfaSubspace(allowed, o.resolution);
    const view = new OfaSubspace(original, o.resolution);
    toArch = (g) => view.toArch(g);
    genes = [...genes, ...depthGenes.map((_, u) => `u${u}.depth`)];
    choices = [...choices, ...depthGenes.map(() => dc.map((d) => `d${d}`))];
  }
  const poolLat = pool.map((a) => lut.predict(a));
  const results = compareReduction(
    enc,
    { original, reduced, control },
    (g) => {
      const a = toArch(g);
      return [accuracy.predict([a])[0]!, lut.predict(a)];
    },
    { accuracy: valueRange(poolAcc), latency: valueRange(poolLat) },
    { ...o, makeSpace },
  );
  return {
    space,
    device,
    latencyLabel,
    accuracyLabel: accuracy.label,
    latency,
    accuracy: acc,
    genes,
    choices,
    reduced,
    control,
    results,
  };
}
