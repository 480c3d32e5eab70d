// Loads a benchmark family as Computation Graphs with labels, from the data embedded in the repo:
// NB-201 (CIFAR-10 test accuracy, cells built by cg-core's nb201Graph, none-edges pruned GENNAPE-style),
// NB-101 (500-cell NASLib sample), NB-301 (1,218-genotype NASLib sample).
import {
  graphCost,
  loadNb101Sample,
  loadNb201,
  loadNb201SuiteZero,
  loadNb201ZeroCost,
  loadNb301Sample,
  nb101Graph,
  nb201Graph,
  nb301Graph,
  type ComputationGraph,
  type ZeroCostScores,
} from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';

import { UnknownFamilyError } from '../errors.js';
import type { FamilyName } from './family-name.js';
import type { FamilyNetwork } from './family-network.js';

export interface LoadFamilyOptions {
  /** NB-201 only: keep the 4,096 cells without `none` (the target split of the transfer papers). */
  readonly noneFree: boolean;
  /** Keep at most this many networks (seeded sample); Infinity keeps all. */
  readonly limit: number;
  readonly seed: number;
}

export const LOAD_FAMILY_DEFAULTS: LoadFamilyOptions = { noneFree: false, limit: Infinity, seed: 0 };

function sample<T>(items: readonly T[], limit: number, seed: number): readonly T[] {
  if (items.length <= limit) return items;
  return new Rng(seed, 3)
    .sampleIndices(items.length, limit)
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
}

function nb201(o: LoadFamilyOptions): FamilyNetwork<ComputationGraph>[] {
  const synflow = new Map(loadNb201ZeroCost().map((r) => [r.index, r.scores.cifar10_logsynflow ?? NaN]));
  const suite = new Map(
    loadNb201SuiteZero()
      .filter((r) => r.dataset.toLowerCase().replace(/[^a-z0-9]/g, '') === 'cifar10')
      .map((r) => [r.index, r.zc]),
  );
  const recs = loadNb201().filter((r) => !o.noneFree || !r.archStr.includes('none'));
  return sample(recs, o.limit, o.seed).map((r) => {
    const graph = nb201Graph(r.archStr, { deadEdges: 'prune' });
    const zc = suite.get(r.index);
    return {
      id: String(r.index),
      input: graph,
      accuracy: r.cifar10TestAcc,
      gflops: graphCost(graph).macs / 1e9,
      paramsM: r.paramsM,
      proxies: {
        synflow: synflow.get(r.index) ?? NaN,
        jacov: zc?.jacov ?? NaN,
        ...(zc ? { snip: zc.snip ?? NaN } : {}),
      },
    };
  });
}

function proxiesOf(zc: ZeroCostScores): Record<string, number> {
  return { synflow: zc.synflow ?? NaN, jacov: zc.jacov ?? NaN, snip: zc.snip ?? NaN };
}

function nb101(o: LoadFamilyOptions): FamilyNetwork<ComputationGraph>[] {
  return sample(loadNb101Sample(), o.limit, o.seed).map((r, i) => {
    const graph = nb101Graph({ matrix: r.matrix, ops: r.ops });
    const cost = graphCost(graph);
    return {
      id: `nb101-${i}`,
      input: graph,
      accuracy: r.valAccuracy,
      gflops: cost.macs / 1e9,
      paramsM: cost.params / 1e6,
      proxies: proxiesOf(r.zc),
    };
  });
}

function nb301(o: LoadFamilyOptions): FamilyNetwork<ComputationGraph>[] {
  return sample(loadNb301Sample(), o.limit, o.seed).map((r, i) => {
    const graph = nb301Graph({
      normal: r.normal,
      normal_concat: r.normalConcat,
      reduce: r.reduce,
      reduce_concat: r.reduceConcat,
    });
    const cost = graphCost(graph);
    return {
      id: `nb301-${i}`,
      input: graph,
      accuracy: r.valAccuracy,
      gflops: cost.macs / 1e9,
      paramsM: cost.params / 1e6,
      proxies: proxiesOf(r.zc),
    };
  });
}

export function loadFamily(
  name: FamilyName,
  options: Partial<LoadFamilyOptions> = {},
): FamilyNetwork<ComputationGraph>[] {
  const o = { ...LOAD_FAMILY_DEFAULTS, ...options };
  switch (name) {
    case 'nb201':
      return nb201(o);
    case 'nb101':
      return nb101(o);
    case 'nb301':
      return nb301(o);
    default: {
      const never: never = name;
      throw new UnknownFamilyError(`ensemble.loadFamily: unknown family ${String(never)}`);
    }
  }
}
