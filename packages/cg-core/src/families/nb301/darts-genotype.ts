// DARTS genotypes as NAS-Bench-301 stores them (Liu et al., ICLR 2019; Zela et al., ICLR 2022): per cell type,
// eight [op, input] pairs (two per intermediate node 2..5; inputs 0, 1 are the two previous cells' outputs).
import { ArchError } from '../arch-error.js';

export const DARTS_OPS = [
  'max_pool_3x3',
  'avg_pool_3x3',
  'skip_connect',
  'sep_conv_3x3',
  'sep_conv_5x5',
  'dil_conv_3x3',
  'dil_conv_5x5',
] as const;
export type DartsOp = (typeof DARTS_OPS)[number];

export type DartsCell = readonly (readonly [DartsOp, number])[];

export interface DartsGenotype {
  readonly normal: DartsCell;
  readonly normal_concat: readonly number[];
  readonly reduce: DartsCell;
  readonly reduce_concat: readonly number[];
}

const OP_SET: ReadonlySet<string> = new Set(DARTS_OPS);
export const DARTS_STEPS = 4;

function bad(why: string): never {
  throw new ArchError(
    `cg-core.parseDartsGenotype: ${why}; expected {normal: [[op, input] × 8], normal_concat: [2,3,4,5], reduce: ..., ` +
      `reduce_concat: ...} with ops ${DARTS_OPS.join(', ')} and the input of pair k in 0..1+floor(k/2)`,
  );
}

function parseCell(raw: unknown, name: string): DartsCell {
  if (!Array.isArray(raw) || raw.length !== 2 * DARTS_STEPS) {
    bad(`Expected ${2 * DARTS_STEPS} [op, input] pairs for ${name} but received ${JSON.stringify(raw)?.slice(0, 120)}`);
  }
  return raw.map((pair: unknown, k) => {
    if (!Array.isArray(pair) || pair.length !== 2) bad(`${name}[${k}] is not an [op, input] pair`);
    const [op, input] = pair as [unknown, unknown];
    if (typeof op !== 'string' || !OP_SET.has(op)) bad(`${name}[${k}] has unknown op ${JSON.stringify(op)}`);
    const node = 2 + Math.floor(k / 2);
    if (typeof input !== 'number' || !Number.isInteger(input) || input < 0 || input >= node) {
      bad(`${name}[${k}] (node ${node}) has input ${JSON.stringify(input)}`);
    }
    return [op as DartsOp, input] as const;
  });
}

function parseConcat(raw: unknown, name: string): number[] {
  if (!Array.isArray(raw) || raw.length === 0) bad(`Expected a non-empty array for ${name}`);
  const seen = new Set<number>();
  for (const v of raw as unknown[]) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 2 || v > 1 + DARTS_STEPS || seen.has(v)) {
      bad(`${name} has ${JSON.stringify(v)}; entries are distinct intermediate nodes 2..${1 + DARTS_STEPS}`);
    }
    seen.add(v);
  }
  return raw as number[];
}

/** Validates a genotype object (the field names of the data files); throws ArchError. */
export function parseDartsGenotype(raw: unknown): DartsGenotype {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    bad(`Expected a genotype object but received ${JSON.stringify(raw)?.slice(0, 120)}`);
  }
  const r = raw as Record<string, unknown>;
  return {
    normal: parseCell(r.normal, 'normal'),
    normal_concat: parseConcat(r.normal_concat, 'normal_concat'),
    reduce: parseCell(r.reduce, 'reduce'),
    reduce_concat: parseConcat(r.reduce_concat, 'reduce_concat'),
  };
}
