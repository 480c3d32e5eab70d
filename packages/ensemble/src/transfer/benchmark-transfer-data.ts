// The transfer protocol's data from the embedded benchmarks: a target family's split (NB-201: the 4,096
// cells without `none`) and the union of the other families as training networks, NB-201 subsampled
// when it is a source (its 15,625 cells would otherwise outweigh the 500 + 1,218 of the others).
import type { ComputationGraph } from '@cgnas/cg-core';

import { FAMILY_NAMES, type FamilyName } from './family-name.js';
import type { FamilyNetwork } from './family-network.js';
import { loadFamily } from './load-family.js';
import type { TransferData } from './transfer-protocol.js';

export interface BenchmarkTransferDataOptions {
  /** Most networks a family contributes when it is a source. */
  readonly sourceLimit: Readonly<Partial<Record<FamilyName, number>>>;
  readonly seed: number;
}

export const BENCHMARK_TRANSFER_DATA_DEFAULTS: BenchmarkTransferDataOptions = { sourceLimit: { nb201: 3000 }, seed: 0 };

export function benchmarkTransferData(
  options: Partial<BenchmarkTransferDataOptions> = {},
): TransferData<ComputationGraph> {
  const o = { ...BENCHMARK_TRANSFER_DATA_DEFAULTS, ...options };
  const targets = new Map<FamilyName, FamilyNetwork<ComputationGraph>[]>();
  const sources = new Map<FamilyName, FamilyNetwork<ComputationGraph>[]>();
  const asTarget = (f: FamilyName): FamilyNetwork<ComputationGraph>[] => {
    let v = targets.get(f);
    if (!v) targets.set(f, (v = loadFamily(f, { noneFree: f === 'nb201', seed: o.seed })));
    return v;
  };
  const asSource = (f: FamilyName): FamilyNetwork<ComputationGraph>[] => {
    let v = sources.get(f);
    if (!v) sources.set(f, (v = loadFamily(f, { limit: o.sourceLimit[f] ?? Infinity, seed: o.seed })));
    return v;
  };
  return {
    target: asTarget,
    sources: (t) => FAMILY_NAMES.filter((f) => f !== t).flatMap(asSource),
  };
}
