// Seeded sampling and mutation of DARTS / NAS-Bench-301 genotypes as NB-301's data collection and NASLib's
// `darts` space do: each intermediate node picks two distinct earlier nodes and an op for each; a mutation
// changes one op or one input of one cell.
import type { Rng } from '@cgnas/native';

import {
  DARTS_OPS,
  DARTS_STEPS,
  parseDartsGenotype,
  type DartsCell,
  type DartsGenotype,
  type DartsOp,
} from './darts-genotype.js';

const CONCAT = [2, 3, 4, 5] as const;

function sampleCell(rng: Rng): DartsCell {
  const cell: [DartsOp, number][] = [];
  for (let node = 2; node < 2 + DARTS_STEPS; node++) {
    const inputs = rng.sampleIndices(node, 2);
    for (const input of inputs) cell.push([rng.choice(DARTS_OPS), input]);
  }
  return cell;
}

/** A random NB-301 genotype (concat [2, 3, 4, 5] as in every NB-301 architecture). */
export function sampleNb301(rng: Rng): DartsGenotype {
  return { normal: sampleCell(rng), normal_concat: [...CONCAT], reduce: sampleCell(rng), reduce_concat: [...CONCAT] };
}

function cellNeighbours(cell: DartsCell): DartsCell[] {
  const out: DartsCell[] = [];
  for (let k = 0; k < cell.length; k++) {
    const [op, input] = cell[k]!;
    const sibling = cell[k ^ 1]![1];
    const node = 2 + (k >> 1);
    for (const other of DARTS_OPS) {
      if (other === op) continue;
      const next = cell.slice();
      next[k] = [other, input];
      out.push(next);
    }
    for (let j = 0; j < node; j++) {
      if (j === input || j === sibling) continue;
      const next = cell.slice();
      next[k] = [op, j];
      out.push(next);
    }
  }
  return out;
}

/** All genotypes one op change or one input change away (inputs of a node stay distinct). */
export function nb301Neighbours(genotype: DartsGenotype): DartsGenotype[] {
  const g = parseDartsGenotype(genotype);
  return [
    ...cellNeighbours(g.normal).map((normal) => ({ ...g, normal })),
    ...cellNeighbours(g.reduce).map((reduce) => ({ ...g, reduce })),
  ];
}

/** One uniformly chosen neighbour. */
export function mutateNb301(genotype: DartsGenotype, rng: Rng): DartsGenotype {
  return rng.choice(nb301Neighbours(genotype));
}
