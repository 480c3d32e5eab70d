// Oracles for the NB-101 and NB-301 samples (NASLib's NAS-Bench-Suite-Zero extracts): validation
// accuracy, and the published parameter count (M) and FLOPs (M) as cost objectives. Keys are the
// spaces' isomorphism hashes, so any encoding of a known cell is answered.
import { loadNb101Sample, loadNb301Sample } from '@cgnas/cg-core';

import { nb101Codec, type Nb101Arch } from '../space/nb101-codec.js';
import { nb301Codec, type Nb301Arch } from '../space/nb301-codec.js';
import { SearchInputError } from '../errors.js';
import { parseObjective } from './nb201-oracle.js';
import { TableOracle } from './table-oracle.js';

function column(name: string, acc: number, zc: Readonly<Record<string, number>>, fn: string): number {
  if (name === 'acc') return acc;
  if (name === 'params' || name === 'flops') return zc[name] ?? NaN;
  throw new SearchInputError(`search.${fn}: Expected acc, params or flops for objective but received ${name}`);
}

export function nb101Oracle(objectives: readonly string[] = ['acc']): TableOracle<Nb101Arch> {
  const specs = objectives.map(parseObjective);
  const rows = new Map<string, readonly number[]>();
  for (const r of loadNb101Sample()) {
    const h = nb101Codec.hash({ matrix: r.matrix, ops: r.ops });
    if (!rows.has(h))
      rows.set(
        h,
        specs.map((s) => column(s.name, r.valAccuracy, r.zc, 'nb101Oracle')),
      );
  }
  return new TableOracle(specs, rows, (a) => nb101Codec.hash(a), 'nb101Oracle');
}

export function nb301Oracle(objectives: readonly string[] = ['acc']): TableOracle<Nb301Arch> {
  const specs = objectives.map(parseObjective);
  const rows = new Map<string, readonly number[]>();
  for (const r of loadNb301Sample()) {
    const h = nb301Codec.hash({ normal: r.normal, reduce: r.reduce });
    if (!rows.has(h))
      rows.set(
        h,
        specs.map((s) => column(s.name, r.valAccuracy, r.zc, 'nb301Oracle')),
      );
  }
  return new TableOracle(specs, rows, (a) => nb301Codec.hash(a), 'nb301Oracle');
}
