// NAS-Bench-301 / DARTS genotypes (Liu et al. ICLR 2019; Siems et al. 2020): a normal and a reduction
// cell, each 4 intermediate nodes with two (op, input) pairs. Pairs of a node are unordered, so the
// hash sorts them; features count (input, op) pairs per cell.
import type { Rng } from '@cgnas/native';
import { DARTS_OPS, nb301Graph, type DartsCellList } from '@cgnas/cg-core';

import { SearchInputError } from '../errors.js';
import type { ArchCodec } from './restricted-space.js';

export interface Nb301Arch {
  readonly normal: DartsCellList;
  readonly reduce: DartsCellList;
}

const N_INPUTS = 5; // c_{k-2}, c_{k-1}, and intermediate nodes 0..2 (node i reads inputs < i + 2)
const FEATURE_SIZE = 2 * N_INPUTS * DARTS_OPS.length;

function checkCell(cell: DartsCellList): boolean {
  return (
    cell.length === 8 &&
    cell.every(
      ([op, input], k) =>
        (DARTS_OPS as readonly string[]).includes(op) && Number.isInteger(input) && input >= 0 && input < 2 + (k >> 1),
    )
  );
}

function check(arch: Nb301Arch, fn: string): void {
  if (!checkCell(arch.normal) || !checkCell(arch.reduce)) {
    throw new SearchInputError(
      `search.nb301Codec.${fn}: Expected two DARTS cells of 8 [op, input] pairs (node k reads inputs < k + 2) but received ${JSON.stringify(arch)}`,
    );
  }
}

const canonicalCache = new WeakMap<DartsCellList, string[]>();

/** The cell with each node's two pairs in a fixed order. */
function canonicalCell(cell: DartsCellList): string[] {
  const hit = canonicalCache.get(cell);
  if (hit) return hit;
  const out = canonicalOf(cell);
  canonicalCache.set(cell, out);
  return out;
}

function canonicalOf(cell: DartsCellList): string[] {
  const out: string[] = [];
  for (let k = 0; k < 4; k++) {
    const pair = [cell[2 * k]!, cell[2 * k + 1]!].map(([op, input]) => `${op}~${input}`).sort();
    out.push(...pair);
  }
  return out;
}

function parseCell(text: string): DartsCellList {
  return text.split(',').map((p) => {
    const [op, input] = p.split('~');
    return [op ?? '', Number(input)] as const;
  });
}

export const nb301Codec: ArchCodec<Nb301Arch> = {
  name: 'nb301',
  featureSize: FEATURE_SIZE,
  /** `op~input,…(8)|op~input,…(8)`: normal cell, then reduction cell. */
  encode(arch) {
    check(arch, 'encode');
    const cell = (c: DartsCellList): string => c.map(([op, input]) => `${op}~${input}`).join(',');
    return `${cell(arch.normal)}|${cell(arch.reduce)}`;
  },
  decode(text) {
    const parts = text.split('|');
    const arch =
      parts.length === 2 ? { normal: parseCell(parts[0]!), reduce: parseCell(parts[1]!) } : { normal: [], reduce: [] };
    check(arch, 'decode');
    return arch;
  },
  hash(arch) {
    check(arch, 'hash');
    return `${canonicalCell(arch.normal).join(',')}|${canonicalCell(arch.reduce).join(',')}`;
  },
  features(arch) {
    const f = new Float64Array(FEATURE_SIZE);
    [arch.normal, arch.reduce].forEach((cell, c) => {
      for (const [op, input] of cell) {
        f[(c * N_INPUTS + input) * DARTS_OPS.length + (DARTS_OPS as readonly string[]).indexOf(op)]! += 1;
      }
    });
    return f;
  },
  distance(a, b) {
    let d = 0;
    for (const key of ['normal', 'reduce'] as const) {
      const x = canonicalCell(a[key]);
      const y = canonicalCell(b[key]);
      x.forEach((p, i) => (d += p === y[i] ? 0 : 1));
    }
    return d;
  },
  crossover(a, b, rng: Rng) {
    // Node-wise uniform crossover: each node's pair of edges comes from one parent.
    const mix = (x: DartsCellList, y: DartsCellList): DartsCellList => {
      const out: (readonly [string, number])[] = [];
      for (let k = 0; k < 4; k++) {
        const src = rng.float() < 0.5 ? x : y;
        out.push(src[2 * k]!, src[2 * k + 1]!);
      }
      return out;
    };
    return { normal: mix(a.normal, b.normal), reduce: mix(a.reduce, b.reduce) };
  },
  toGraph(arch) {
    return nb301Graph({
      normal: arch.normal,
      normal_concat: [2, 3, 4, 5],
      reduce: arch.reduce,
      reduce_concat: [2, 3, 4, 5],
    });
  },
};
