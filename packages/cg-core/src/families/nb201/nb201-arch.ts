// NAS-Bench-201 cell encoding (Dong & Yang, ICLR 2020): the arch string `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`
// lists, for cell nodes 1..3, the operation on the edge from every earlier node, in input order.
import { ArchError } from '../arch-error.js';

export const NB201_OPS = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3'] as const;
export type Nb201Op = (typeof NB201_OPS)[number];

/** The six edge ops in string order: 0→1, 0→2, 1→2, 0→3, 1→3, 2→3. */
export type Nb201Arch = readonly [Nb201Op, Nb201Op, Nb201Op, Nb201Op, Nb201Op, Nb201Op];

/** [from, to] of each of the six edges, in string order. */
export const NB201_EDGES: readonly (readonly [number, number])[] = [
  [0, 1],
  [0, 2],
  [1, 2],
  [0, 3],
  [1, 3],
  [2, 3],
];

const OP_SET: ReadonlySet<string> = new Set(NB201_OPS);
const EXAMPLE = '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|';

function bad(archStr: unknown, why: string): never {
  const shown = typeof archStr === 'string' ? JSON.stringify(archStr.slice(0, 200)) : String(archStr);
  throw new ArchError(`cg-core.parseNb201Arch: ${why} in ${shown}; expected a string like ${EXAMPLE}`);
}

/** Parses an NB-201 arch string; throws ArchError naming the problem. */
export function parseNb201Arch(archStr: string): Nb201Arch {
  if (typeof archStr !== 'string') bad(archStr, 'Expected a string for archStr');
  const nodes = archStr.split('+');
  if (nodes.length !== 3) bad(archStr, `found ${nodes.length} node groups separated by "+" instead of 3`);
  const ops: Nb201Op[] = [];
  for (let j = 0; j < 3; j++) {
    const group = nodes[j]!;
    if (group.length < 2 || group[0] !== '|' || group[group.length - 1] !== '|') {
      bad(archStr, `node group ${j + 1} must start and end with "|"`);
    }
    const entries = group.slice(1, -1).split('|');
    if (entries.length !== j + 1) bad(archStr, `node ${j + 1} has ${entries.length} inputs instead of ${j + 1}`);
    for (let i = 0; i <= j; i++) {
      const entry = entries[i]!;
      const tilde = entry.indexOf('~');
      if (tilde < 0) bad(archStr, `entry "${entry}" lacks "~<input>"`);
      const op = entry.slice(0, tilde);
      const input = entry.slice(tilde + 1);
      if (!OP_SET.has(op)) bad(archStr, `unknown op "${op}" (known: ${NB201_OPS.join(', ')})`);
      if (input !== String(i)) bad(archStr, `node ${j + 1} input ${i} is "~${input}" instead of "~${i}"`);
      ops.push(op as Nb201Op);
    }
  }
  return ops as unknown as Nb201Arch;
}

/** Inverse of parseNb201Arch. */
export function formatNb201Arch(arch: Nb201Arch): string {
  return `|${arch[0]}~0|+|${arch[1]}~0|${arch[2]}~1|+|${arch[3]}~0|${arch[4]}~1|${arch[5]}~2|`;
}
