// NAS-Bench-101 cell specs (Ying et al., ICML 2019; google-research/nasbench `model_spec.py`): an upper-triangular
// adjacency matrix (≤ 7 vertices, ≤ 9 edges) with one op per vertex, validated and pruned the official way.
import { ArchError } from '../arch-error.js';

export const NB101_OPS = ['conv1x1-bn-relu', 'conv3x3-bn-relu', 'maxpool3x3'] as const;
export type Nb101Op = (typeof NB101_OPS)[number];

export const NB101_MAX_VERTICES = 7;
export const NB101_MAX_EDGES = 9;

/** A cell as the NB-101 API and the data files store it. */
export interface Nb101Spec {
  readonly matrix: readonly (readonly number[])[];
  /** 'input', interior ops, 'output'. */
  readonly ops: readonly string[];
}

const INTERIOR: ReadonlySet<string> = new Set(NB101_OPS);

function bad(why: string): never {
  throw new ArchError(
    `cg-core.nb101Spec: ${why}; expected an n×n 0/1 upper-triangular matrix (n ≤ ${NB101_MAX_VERTICES}, ≤ ${NB101_MAX_EDGES} edges) ` +
      `and ops ['input', ${NB101_OPS.join(' | ')} ..., 'output'] with an input→output path`,
  );
}

/** Checks the raw encoding (shape, labels, triangularity); throws ArchError. */
function checkRaw(spec: unknown): { matrix: number[][]; ops: string[] } {
  if (typeof spec !== 'object' || spec === null) bad(`Expected an object {matrix, ops} but received ${String(spec)}`);
  const { matrix, ops } = spec as { matrix?: unknown; ops?: unknown };
  if (!Array.isArray(matrix)) bad(`Expected an array for matrix but received ${JSON.stringify(matrix)}`);
  if (!Array.isArray(ops)) bad(`Expected an array for ops but received ${JSON.stringify(ops)}`);
  const n = matrix.length;
  if (n < 2 || n > NB101_MAX_VERTICES) bad(`the matrix has ${n} rows`);
  if (ops.length !== n) bad(`ops has ${ops.length} labels for ${n} vertices`);
  const m: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: unknown = matrix[i];
    if (!Array.isArray(row) || row.length !== n) bad(`matrix row ${i} is not of length ${n}`);
    const r: number[] = [];
    for (let j = 0; j < n; j++) {
      const v: unknown = row[j];
      if (v !== 0 && v !== 1 && v !== true && v !== false) bad(`matrix[${i}][${j}] = ${JSON.stringify(v)} is not 0/1`);
      const b = v === 1 || v === true ? 1 : 0;
      if (b === 1 && j <= i) bad(`matrix[${i}][${j}] = 1 is on or below the diagonal (edges must go forward)`);
      r.push(b);
    }
    m.push(r);
  }
  for (let i = 0; i < n; i++) {
    const op: unknown = ops[i];
    if (typeof op !== 'string') bad(`ops[${i}] is not a string`);
    if (i === 0 ? op !== 'input' : i === n - 1 ? op !== 'output' : !INTERIOR.has(op)) {
      bad(`ops[${i}] = ${JSON.stringify(op)} is not allowed at vertex ${i}`);
    }
  }
  return { matrix: m, ops: ops as string[] };
}

function countEdges(m: readonly (readonly number[])[]): number {
  let e = 0;
  for (const row of m) for (const v of row) e += v;
  return e;
}

/**
 * Validates a spec and returns its pruned form (model_spec.py `_prune`): vertices not on an input→output path
 * are removed. Throws ArchError when the encoding is malformed, there is no input→output path, or the pruned
 * cell has more than 9 edges.
 */
export function pruneNb101(spec: Nb101Spec): Nb101Spec {
  const { matrix, ops } = checkRaw(spec);
  const n = matrix.length;
  const fromInput = new Set([0]);
  for (let v = 0; v < n; v++) {
    if (!fromInput.has(v)) continue;
    for (let w = v + 1; w < n; w++) if (matrix[v]![w]) fromInput.add(w);
  }
  const toOutput = new Set([n - 1]);
  for (let v = n - 1; v >= 0; v--) {
    if (!toOutput.has(v)) continue;
    for (let u = 0; u < v; u++) if (matrix[u]![v]) toOutput.add(u);
  }
  const keep: number[] = [];
  for (let v = 0; v < n; v++) if (fromInput.has(v) && toOutput.has(v)) keep.push(v);
  if (!keep.includes(0) || !keep.includes(n - 1)) bad('there is no path from the input to the output');
  const pm = keep.map((i) => keep.map((j) => matrix[i]![j]!));
  const edges = countEdges(pm);
  if (edges > NB101_MAX_EDGES) bad(`the pruned cell has ${edges} edges`);
  return { matrix: pm, ops: keep.map((i) => ops[i]!) };
}

/** Whether `spec` is a valid NB-101 cell (pruneNb101 would succeed). */
export function isValidNb101(spec: Nb101Spec): boolean {
  try {
    pruneNb101(spec);
    return true;
  } catch (error) {
    if (error instanceof ArchError) return false;
    throw error;
  }
}
