// NAS-Bench-101 cells (Ying et al., ICML 2019): up to 7 nodes, an upper-triangular adjacency matrix
// and an op per node. The hash is NB-101's own isomorphism-invariant `graph_util.hash_module`
// (iterated MD5 of degrees, ops and neighbour hashes), reproduced bit-for-bit so keys match the benchmark's
// own fingerprints (cg-core's nb101Hash is a WL key in another format); features are the padded
// adjacency + one-hot ops.
import { createHash } from 'node:crypto';

import { nb101Graph } from '@cgnas/cg-core';

import { SearchInputError } from '../errors.js';
import type { ArchCodec } from './restricted-space.js';

export interface Nb101Arch {
  readonly matrix: readonly (readonly number[])[];
  readonly ops: readonly string[];
}

// NB-101's `available_ops` order, which the fingerprint labels use.
const NB101_OPS = ['conv3x3-bn-relu', 'conv1x1-bn-relu', 'maxpool3x3'] as const;
const CODE: Readonly<Record<string, string>> = {
  input: 'in',
  output: 'out',
  'conv3x3-bn-relu': 'c3',
  'conv1x1-bn-relu': 'c1',
  maxpool3x3: 'mp',
};
const NAME: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(CODE).map(([k, v]) => [v, k]));
const MAX_NODES = 7;
const LABEL: Readonly<Record<string, number>> = {
  input: -1,
  output: -2,
  'conv3x3-bn-relu': 0,
  'conv1x1-bn-relu': 1,
  maxpool3x3: 2,
};

function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

/** NB-101 `graph_util.hash_module` (labels: input -1, output -2, ops by index). */
function hashModule(arch: Nb101Arch): string {
  const n = arch.ops.length;
  const m = arch.matrix;
  const inDeg = Array.from({ length: n }, (_, j) => m.reduce((s, row) => s + row[j]!, 0));
  const outDeg = m.map((row) => row.reduce((s, v) => s + v, 0));
  let hashes = arch.ops.map((op, i) => md5(`(${outDeg[i]}, ${inDeg[i]}, ${LABEL[op]})`));
  for (let step = 0; step < n; step++) {
    hashes = hashes.map((h, v) => {
      const ins = [...Array(n).keys()]
        .filter((w) => m[w]![v])
        .map((w) => hashes[w]!)
        .sort();
      const outs = [...Array(n).keys()]
        .filter((w) => m[v]![w])
        .map((w) => hashes[w]!)
        .sort();
      return md5(`${ins.join('')}|${outs.join('')}|${h}`);
    });
  }
  // Python's str(sorted(hashes)), as in the reference implementation.
  return md5(
    `[${hashes
      .slice()
      .sort()
      .map((h) => `'${h}'`)
      .join(', ')}]`,
  );
}

const paddedCache = new WeakMap<Nb101Arch, { m: number[][]; ops: string[] }>();

/** Pads to 7 nodes by inserting empty nodes before the output, so equal positions compare. */
function padded(arch: Nb101Arch): { m: number[][]; ops: string[] } {
  const hit = paddedCache.get(arch);
  if (hit) return hit;
  const out = pad(arch);
  paddedCache.set(arch, out);
  return out;
}

function pad(arch: Nb101Arch): { m: number[][]; ops: string[] } {
  const n = arch.ops.length;
  const m = Array.from({ length: MAX_NODES }, () => new Array<number>(MAX_NODES).fill(0));
  const map = (i: number): number => (i === n - 1 ? MAX_NODES - 1 : i);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (arch.matrix[i]![j]) m[map(i)]![map(j)] = 1;
  const ops = new Array<string>(MAX_NODES).fill('');
  arch.ops.forEach((op, i) => (ops[map(i)] = op));
  return { m, ops };
}

function check(arch: Nb101Arch, fn: string): void {
  const n = arch.ops.length;
  const ok =
    n >= 2 &&
    n <= MAX_NODES &&
    arch.matrix.length === n &&
    arch.matrix.every(
      (row, i) => row.length === n && row.every((v, j) => (v === 0 || v === 1) && (v === 0 || j > i)),
    ) &&
    arch.ops[0] === 'input' &&
    arch.ops[n - 1] === 'output' &&
    arch.ops.slice(1, -1).every((op) => (NB101_OPS as readonly string[]).includes(op));
  if (!ok) {
    throw new SearchInputError(
      `search.nb101Codec.${fn}: Expected an NB-101 cell (≤7 nodes, upper-triangular 0/1 matrix, input…output ops) but received ${JSON.stringify(arch)}`,
    );
  }
}

const FEATURE_SIZE = (MAX_NODES * (MAX_NODES - 1)) / 2 + (MAX_NODES - 2) * NB101_OPS.length;

export const nb101Codec: ArchCodec<Nb101Arch> = {
  name: 'nb101',
  featureSize: FEATURE_SIZE,
  /** `in,c3,mp,…,out|<upper-triangle bits row by row>`. */
  encode(arch) {
    check(arch, 'encode');
    const bits: number[] = [];
    arch.matrix.forEach((row, i) => row.forEach((v, j) => j > i && bits.push(v)));
    return `${arch.ops.map((op) => CODE[op]).join(',')}|${bits.join('')}`;
  },
  decode(text) {
    const [opsPart, bitsPart] = text.split('|');
    const ops = (opsPart ?? '').split(',').map((c) => NAME[c] ?? '?');
    const n = ops.length;
    const bits = bitsPart ?? '';
    if (!/^[01]*$/.test(bits) || bits.length !== (n * (n - 1)) / 2) {
      throw new SearchInputError(
        `search.nb101Codec.decode: Expected "in,<ops>,out|<upper-triangle bits>" but received ${JSON.stringify(text)}`,
      );
    }
    let k = 0;
    const matrix = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (j > i ? Number(bits[k++]) : 0)),
    );
    const arch = { matrix, ops };
    check(arch, 'decode');
    return arch;
  },
  hash(arch) {
    check(arch, 'hash');
    return hashModule(arch);
  },
  features(arch) {
    const { m, ops } = padded(arch);
    const f = new Float64Array(FEATURE_SIZE);
    let k = 0;
    for (let i = 0; i < MAX_NODES; i++) for (let j = i + 1; j < MAX_NODES; j++) f[k++] = m[i]![j]!;
    for (let i = 1; i < MAX_NODES - 1; i++) {
      const o = (NB101_OPS as readonly string[]).indexOf(ops[i]!);
      if (o >= 0) f[k + (i - 1) * NB101_OPS.length + o] = 1;
    }
    return f;
  },
  distance(a, b) {
    const pa = padded(a);
    const pb = padded(b);
    let d = 0;
    for (let i = 0; i < MAX_NODES; i++) {
      if (pa.ops[i] !== pb.ops[i]) d++;
      for (let j = i + 1; j < MAX_NODES; j++) if (pa.m[i]![j] !== pb.m[i]![j]) d++;
    }
    return d;
  },
  crossover(a, b, rng) {
    // Per-entry uniform crossover of the padded encodings; the restricted space snaps the result.
    const pa = padded(a);
    const pb = padded(b);
    const m = pa.m.map((row, i) => row.map((v, j) => (rng.float() < 0.5 ? v : pb.m[i]![j]!)));
    const ops = pa.ops.map((op, i) => (rng.float() < 0.5 ? op : pb.ops[i]!));
    // Padding slots have no op; give them one so the child is a valid 7-node cell.
    for (let i = 1; i < MAX_NODES - 1; i++) if (!ops[i]) ops[i] = NB101_OPS[0];
    return { matrix: m, ops };
  },
  toGraph(arch) {
    return nb101Graph(arch);
  },
};
