// Accuracy for design spaces without measured accuracy here (FBNet, OFA-MobileNetV3), as issue 8 asks:
// the GENNAPE ensemble (ensemble package) trained on the benchmark families with measured accuracy
// (NB-101, NB-201, NB-301, CIFAR-10) predicts each network from its Computation Graph. It is a
// cross-family prediction (a ranking signal in CIFAR-10 % units, not ImageNet accuracy), so every value
// carries `label`, which says so, and callers print it with every output.
import { fbnetFamily, graphCost, ofaMbv3Family, type ComputationGraph, type FbnetBlock } from '@cgnas/cg-core';
import { cgEncoderFactory, GennapeEnsemble, loadFamily, type MemberKind } from '@cgnas/ensemble';
import { selectTfBackend } from '@cgnas/native/tf';

import { fbnetEncoding } from '../encoding/fbnet-encoding.js';
import type { BlockArch, HwSpace } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';

export interface AccuracyModel {
  /** What the numbers are and where they come from; print it beside every accuracy. */
  readonly label: string;
  /** The ensemble behind the values and where it came from (to reuse it for another space). */
  readonly ensemble: GennapeEnsemble<ComputationGraph>;
  readonly source: string;
  /** Predicted accuracy (%) per architecture (cached by architecture). */
  predict(archs: readonly BlockArch[]): Float64Array;
  /** Releases the ensemble's tensors when it was trained here. */
  dispose(): void;
}

export interface EnsembleAccuracyOptions {
  /** A trained ensemble (e.g. `cgnas train` output); trained here on the benchmarks when absent. */
  readonly ensemble?: GennapeEnsemble<ComputationGraph>;
  /** Where `ensemble` came from, for the label. */
  readonly source?: string;
  readonly seed?: number;
  readonly epochs?: number;
  /** Most networks per training family (seeded sample); NB-101 and NB-301 are used whole by default. */
  readonly limits?: Readonly<Partial<Record<'nb101' | 'nb201' | 'nb301', number>>>;
  /**
   * Members trained here. The ensemble's accuracy in % is its CL+T regressor's output (the other members
   * only move the rank-averaged score), so training CL+T alone gives the same accuracy at a fifth of the cost.
   */
  readonly members?: readonly MemberKind[];
}

export const ENSEMBLE_ACCURACY_DEFAULTS = {
  seed: 0,
  epochs: 20,
  limits: { nb201: 2000 },
  members: ['cl-t'] as readonly MemberKind[],
} as const;

/** The Computation Graph of a block architecture of FBNet or OFA-MBv3 (cg-core family builders). */
export function blockArchGraph(space: HwSpace, arch: BlockArch): ComputationGraph {
  switch (space) {
    case 'fbnet':
      return fbnetFamily.toGraph(arch.blocks.map((b) => fbnetEncoding.blocks[b] as FbnetBlock));
    case 'ofa-mbv3': {
      // Inactive layers keep a placeholder block (k3, e3), as HELP stores them; the builder skips them.
      const ks = arch.blocks.map((b) => [3, 5, 7][Math.floor(Math.max(b, 0) / 3)]!);
      const e = arch.blocks.map((b) => [3, 4, 6][Math.max(b, 0) % 3]!);
      return ofaMbv3Family.toGraph({ ks, e, d: arch.depths, r: arch.resolution });
    }
    case 'nb201':
      throw new HwInputError(
        'hw-profiler.blockArchGraph: NB-201 has measured accuracy (NAS-Bench-201); use it instead of a prediction',
      );
    default: {
      const never: never = space;
      throw new HwInputError(`hw-profiler.blockArchGraph: unknown space ${String(never)}`);
    }
  }
}

export async function ensembleAccuracy(space: HwSpace, options: EnsembleAccuracyOptions = {}): Promise<AccuracyModel> {
  const o = { ...ENSEMBLE_ACCURACY_DEFAULTS, ...options };
  if (space === 'nb201') blockArchGraph(space, { blocks: [], depths: [], resolution: 0 });
  // The native tfjs kernels when available (as `cgnas predict` does); the JS backend otherwise.
  await selectTfBackend();
  let ensemble = o.ensemble;
  let source = o.source ?? 'a given ensemble';
  if (!ensemble) {
    const limits: Partial<Record<'nb101' | 'nb201' | 'nb301', number>> = {
      ...ENSEMBLE_ACCURACY_DEFAULTS.limits,
      ...o.limits,
    };
    if (!Number.isInteger(o.epochs) || o.epochs < 1 || Object.values(limits).some((v) => !(v >= 2))) {
      throw new HwInputError(
        `hw-profiler.ensembleAccuracy: Expected integer epochs >= 1 and family limits >= 2 but received ${o.epochs}, ${JSON.stringify(limits)}`,
      );
    }
    const families = ['nb101', 'nb201', 'nb301'] as const;
    const nets = families.flatMap((f) => loadFamily(f, { limit: limits[f] ?? Infinity, seed: o.seed }));
    ensemble = await GennapeEnsemble.train(
      cgEncoderFactory('cg-features'),
      {
        inputs: nets.map((n) => n.input),
        accuracy: nets.map((n) => n.accuracy),
        gflops: nets.map((n) => n.gflops),
      },
      {
        seed: o.seed,
        members: o.members,
        training: { epochs: o.epochs, batchSize: 32, learningRate: 1e-3, rankWeight: 1, seed: o.seed },
      },
    );
    source = `trained here on ${nets.length} NB-101/NB-201/NB-301 networks (CIFAR-10, cg-features encoder, seed ${o.seed}, ${o.epochs} epochs)`;
  }
  const ens = ensemble;
  const owned = o.ensemble === undefined;
  const label = `predicted accuracy (%, GENNAPE ensemble CL+T regressor, ${source}; ${space} has no measured accuracy here, so this is a cross-family prediction, a ranking signal rather than ImageNet accuracy)`;
  const cache = new Map<string, number>();
  const keyOf = (a: BlockArch): string => `${a.resolution}|${a.depths.join(',')}|${a.blocks.join(',')}`;
  return {
    label,
    ensemble: ens,
    source,
    predict(archs) {
      const missing = [...new Map(archs.filter((a) => !cache.has(keyOf(a))).map((a) => [keyOf(a), a])).values()];
      if (missing.length > 0) {
        const graphs = missing.map((a) => blockArchGraph(space, a));
        const p = ens.predict(
          graphs,
          graphs.map((g) => graphCost(g).macs / 1e9),
        );
        if (!p.accuracy)
          throw new HwInputError(
            'hw-profiler.ensembleAccuracy: the ensemble has no regression member (cl-t, cl-fcm-t or kgnn) to give accuracy in %',
          );
        missing.forEach((a, i) => cache.set(keyOf(a), p.accuracy![i]!));
      }
      return Float64Array.from(archs, (a) => cache.get(keyOf(a))!);
    },
    dispose() {
      if (owned) ens.dispose();
    },
  };
}
