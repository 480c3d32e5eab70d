// NAS-Bench-201 oracle: test or validation accuracy on CIFAR-10/100 or ImageNet16-120 (Dong & Yang
// 2020), HW-NAS-Bench latencies (Li et al. 2021: fpga, eyeriss, raspi4, pixel3), HELP latencies
// (Lee et al. 2021) and parameter counts as objectives, for all 15,625 cells.
import {
  graphCost,
  loadHelpNb201,
  loadHwNasBenchNb201,
  loadNb201,
  nb201Graph,
  type ComputationGraph,
  type Nb201Record,
} from '@cgnas/cg-core';

import { SearchInputError } from '../errors.js';
import type { Nb201Genome } from '../space/nb201-space.js';
import { Nb201Space } from '../space/nb201-space.js';
import type { ObjectiveSpec } from '../strategy/search-events.js';
import { TableOracle } from './table-oracle.js';

export type Nb201Dataset = 'cifar10' | 'cifar100' | 'imagenet16';

export interface Nb201OracleOptions {
  readonly dataset?: Nb201Dataset;
  readonly metric?: 'test' | 'valid';
  /** For the `flops` objective: the Computation Graph of an arch string (default cg-core's nb201Graph). */
  readonly toGraph?: (archStr: string) => ComputationGraph;
}

export const NB201_ORACLE_DEFAULTS = { dataset: 'cifar10', metric: 'test' } as const;

/**
 * Objective names: `acc` (%, max), `latency:<fpga|eyeriss|raspi4|pixel3>` (HW-NAS-Bench, ms, min),
 * `help:<setting>` (HELP, ms, min), `params` (M, min), `flops` (MFLOPs from the graph, min).
 */
export function parseObjective(name: string): ObjectiveSpec {
  if (name === 'acc') return { name, sense: 'max' };
  if (/^(latency|help):[a-z0-9_]+$/.test(name) || name === 'params' || name === 'flops') return { name, sense: 'min' };
  throw new SearchInputError(
    `search.parseObjective: Expected acc, latency:<device>, help:<setting>, params or flops for objective but received ${JSON.stringify(name)}`,
  );
}

function accuracy(r: Nb201Record, dataset: Nb201Dataset, metric: 'test' | 'valid'): number {
  switch (dataset) {
    case 'cifar10':
      return metric === 'test' ? r.cifar10TestAcc : r.cifar10ValidAcc;
    case 'cifar100':
      return metric === 'test' ? r.cifar100TestAcc : r.cifar100ValidAcc;
    case 'imagenet16':
      return metric === 'test' ? r.imagenet16TestAcc : r.imagenet16ValidAcc;
    default: {
      const never: never = dataset;
      throw new SearchInputError(
        `search.nb201Oracle: Expected cifar10, cifar100 or imagenet16 for dataset but received ${String(never)}`,
      );
    }
  }
}

export function nb201Oracle(objectives: readonly string[], options: Nb201OracleOptions = {}): TableOracle<Nb201Genome> {
  const o = { ...NB201_ORACLE_DEFAULTS, ...options };
  if (!['cifar10', 'cifar100', 'imagenet16'].includes(o.dataset)) {
    throw new SearchInputError(
      `search.nb201Oracle: Expected cifar10, cifar100 or imagenet16 for dataset but received ${o.dataset}`,
    );
  }
  if (o.metric !== 'test' && o.metric !== 'valid') {
    throw new SearchInputError(
      `search.nb201Oracle: Expected test or valid for metric but received ${String(o.metric)}`,
    );
  }
  const specs = objectives.map(parseObjective);
  const records = loadNb201();
  const columns = specs.map((spec): ((r: Nb201Record) => number) => {
    const [kind, device] = spec.name.split(':') as [string, string | undefined];
    if (kind === 'acc') return (r) => accuracy(r, o.dataset, o.metric);
    if (kind === 'params') return (r) => r.paramsM;
    if (kind === 'flops') {
      const build = o.toGraph ?? ((s: string) => nb201Graph(s));
      return (r) => graphCost(build(r.archStr)).flops / 1e6;
    }
    const table = kind === 'latency' ? loadHwNasBenchNb201() : loadHelpNb201();
    if (!table.devices.includes(device!)) {
      throw new SearchInputError(
        `search.nb201Oracle: Expected one of ${table.devices.join(', ')} for ${kind} device but received ${device}`,
      );
    }
    const byArch = new Map(table.rows.map((row) => [row.key.archStr, row.latencyMs[device!]!]));
    return (r) => byArch.get(r.archStr) ?? NaN;
  });
  const rows = new Map<string, readonly number[]>();
  for (const r of records)
    rows.set(
      r.archStr,
      columns.map((f) => f(r)),
    );
  const space = new Nb201Space();
  return new TableOracle(specs, rows, (arch) => space.encode(arch), 'nb201Oracle');
}
