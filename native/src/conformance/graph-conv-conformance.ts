// One conformance suite for the graph-convolution kernels (k-GNN GraphConv, Morris et al. 2019), run
// against the JS twin and the C++ engine: outputs against a float64 edge-list reference (no CSR, no
// fused code), gradients against float64 central finite differences of that reference, and — for the
// native kernels — agreement with the JS twin within 1e-5 and thread-count independence.
import { describe, expect, it } from 'vitest';

import { NativeInputError } from '../errors.js';
import { csrFromEdges } from '../ops/spmm.js';
import type { GraphConvKernels } from '../graph/graph-conv-kernels.js';
import {
  graphConvBackward,
  graphConvForward,
  graphEncoderBackward,
  graphEncoderForward,
} from '../graph/graph-conv-ops.js';
import { dot, finiteDifferences, maxScaledError, randomMatrix, seededRandom } from './reference.js';

interface TestGraph {
  n: number;
  src: number[];
  dst: number[];
  predPtr: Int32Array;
  predIdx: Int32Array;
  succPtr: Int32Array;
  succIdx: Int32Array;
}

/** A random DAG (edges go forward, parallel edges allowed) with both CSRs. */
function randomDag(n: number, edges: number, rand: () => number): TestGraph {
  const src: number[] = [];
  const dst: number[] = [];
  for (let e = 0; e < edges && n > 1; e++) {
    const s = Math.floor(rand() * (n - 1));
    const d = Math.min(n - 1, s + 1 + Math.floor(rand() * 6));
    src.push(s);
    dst.push(d);
  }
  const pred = csrFromEdges(n, src, dst);
  const succ = csrFromEdges(n, src, dst, { transposed: true });
  return { n, src, dst, predPtr: pred.rowPtr, predIdx: pred.colIdx, succPtr: succ.rowPtr, succIdx: succ.colIdx };
}

/** Float64 GraphConv layer straight from the formula, aggregating over the edge list. */
function referenceLayer(
  g: TestGraph,
  fin: number,
  fout: number,
  x: ArrayLike<number>,
  params: ArrayLike<number>,
): Float64Array {
  const agg = new Float64Array(g.n * fin);
  for (let e = 0; e < g.src.length; e++) {
    for (let k = 0; k < fin; k++) agg[g.dst[e]! * fin + k]! += x[g.src[e]! * fin + k]!;
  }
  const y = new Float64Array(g.n * fout);
  for (let i = 0; i < g.n; i++) {
    for (let o = 0; o < fout; o++) {
      let s = params[2 * fin * fout + o]!;
      for (let k = 0; k < fin; k++) {
        s += params[k * fout + o]! * x[i * fin + k]! + params[(fin + k) * fout + o]! * agg[i * fin + k]!;
      }
      y[i * fout + o] = Math.tanh(s);
    }
  }
  return y;
}

interface EncoderCase {
  g: TestGraph;
  graphs: number;
  offsets: Int32Array;
  width: number;
  layers: number;
  embedRows: number;
  embedCols: number;
  shapeDim: number;
  embedIdx: Int32Array;
  shape: Float32Array;
  table: Float32Array;
  proj: Float32Array;
  convs: Float32Array;
  masks: Float32Array | null;
}

function encoderCase(seed: number, sizes: number[], width: number, layers: number, dropout: boolean): EncoderCase {
  const rand = seededRandom(seed);
  const n = sizes.reduce((a, b) => a + b, 0);
  const src: number[] = [];
  const dst: number[] = [];
  const offsets = new Int32Array(sizes.length + 1);
  let base = 0;
  sizes.forEach((size, gi) => {
    const sub = randomDag(size, Math.round(size * 1.3), rand);
    for (let e = 0; e < sub.src.length; e++) {
      src.push(sub.src[e]! + base);
      dst.push(sub.dst[e]! + base);
    }
    base += size;
    offsets[gi + 1] = base;
  });
  const pred = csrFromEdges(n, src, dst);
  const succ = csrFromEdges(n, src, dst, { transposed: true });
  const g: TestGraph = {
    n,
    src,
    dst,
    predPtr: pred.rowPtr,
    predIdx: pred.colIdx,
    succPtr: succ.rowPtr,
    succIdx: succ.colIdx,
  };
  const embedRows = 6;
  const embedCols = 2;
  const shapeDim = 3;
  const embedIdx = new Int32Array(n * embedCols);
  for (let i = 0; i < embedIdx.length; i++) embedIdx[i] = Math.floor(rand() * (embedRows + 1)) - 1; // -1 = none
  const scale = (m: Float32Array, s: number): Float32Array => m.map((v) => v * s);
  const masks = dropout ? new Float32Array(layers * n * width) : null;
  if (masks) for (let i = 0; i < masks.length; i++) masks[i] = rand() < 0.25 ? 0 : 1 / 0.75;
  return {
    g,
    graphs: sizes.length,
    offsets,
    width,
    layers,
    embedRows,
    embedCols,
    shapeDim,
    embedIdx,
    shape: randomMatrix(n, shapeDim, rand),
    table: scale(randomMatrix(embedRows, width, rand), 0.8),
    proj: scale(randomMatrix(shapeDim + 1, width, rand), 0.8),
    convs: scale(randomMatrix(layers * (2 * width + 1), width, rand), 0.4),
    masks,
  };
}

/** Float64 encoder: embedding, layers (with masks), mean pool; params may be overridden for FD. */
function referenceEncoder(
  c: EncoderCase,
  table: ArrayLike<number>,
  proj: ArrayLike<number>,
  convs: ArrayLike<number>,
): Float64Array {
  const F = c.width;
  const n = c.g.n;
  let h: Float64Array = new Float64Array(n * F);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < F; f++) {
      let s = proj[c.shapeDim * F + f]!;
      for (let k = 0; k < c.shapeDim; k++) s += c.shape[i * c.shapeDim + k]! * proj[k * F + f]!;
      for (let col = 0; col < c.embedCols; col++) {
        const r = c.embedIdx[i * c.embedCols + col]!;
        if (r >= 0) s += table[r * F + f]!;
      }
      h[i * F + f] = s;
    }
  }
  const lp = (2 * F + 1) * F;
  for (let l = 0; l < c.layers; l++) {
    const input = c.masks ? h.map((v, i) => v * c.masks![l * n * F + i]!) : h;
    h = referenceLayer(c.g, F, F, input, Array.prototype.slice.call(convs, l * lp, (l + 1) * lp) as number[]);
  }
  const pooled = new Float64Array(c.graphs * F);
  for (let gi = 0; gi < c.graphs; gi++) {
    const b = c.offsets[gi]!;
    const e = c.offsets[gi + 1]!;
    for (let i = b; i < e; i++) for (let f = 0; f < F; f++) pooled[gi * F + f]! += h[i * F + f]! / (e - b);
  }
  return pooled;
}

/** Central differences at every `stride`-th entry only, for parameter sets too large to sweep. */
function sampledDifferences(
  values: ArrayLike<number>,
  grad: ArrayLike<number>,
  stride: number,
  loss: (v: Float64Array) => number,
): { fd: Float64Array; picked: Float64Array } {
  const v = Float64Array.from(values);
  const count = Math.ceil(v.length / stride);
  const fd = new Float64Array(count);
  const picked = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    const i = j * stride;
    const keep = v[i]!;
    v[i] = keep + 1e-5;
    const up = loss(v);
    v[i] = keep - 1e-5;
    const down = loss(v);
    v[i] = keep;
    fd[j] = (up - down) / 2e-5;
    picked[j] = grad[i]!;
  }
  return { fd, picked };
}

function runEncoder(k: GraphConvKernels, c: EncoderCase): { acts: Float32Array; pooled: Float32Array } {
  const acts = new Float32Array((c.layers + 1) * c.g.n * c.width);
  const pooled = new Float32Array(c.graphs * c.width);
  graphEncoderForward(
    {
      n: c.g.n,
      graphs: c.graphs,
      width: c.width,
      layers: c.layers,
      embedRows: c.embedRows,
      embedCols: c.embedCols,
      shapeDim: c.shapeDim,
      predPtr: c.g.predPtr,
      predIdx: c.g.predIdx,
      graphOffsets: c.offsets,
      embedIdx: c.embedIdx,
      shape: c.shape,
      table: c.table,
      proj: c.proj,
      convs: c.convs,
      masks: c.masks,
      acts,
      pooled,
    },
    k,
  );
  return { acts, pooled };
}

function runEncoderBackward(
  k: GraphConvKernels,
  c: EncoderCase,
  acts: Float32Array,
  dPooled: Float32Array,
): { dTable: Float32Array; dProj: Float32Array; dConvs: Float32Array } {
  const dTable = new Float32Array(c.embedRows * c.width).fill(NaN);
  const dProj = new Float32Array((c.shapeDim + 1) * c.width).fill(NaN);
  const dConvs = new Float32Array(c.convs.length).fill(NaN);
  graphEncoderBackward(
    {
      n: c.g.n,
      graphs: c.graphs,
      width: c.width,
      layers: c.layers,
      embedRows: c.embedRows,
      embedCols: c.embedCols,
      shapeDim: c.shapeDim,
      predPtr: c.g.predPtr,
      predIdx: c.g.predIdx,
      succPtr: c.g.succPtr,
      succIdx: c.g.succIdx,
      graphOffsets: c.offsets,
      embedIdx: c.embedIdx,
      shape: c.shape,
      convs: c.convs,
      masks: c.masks,
      acts,
      dPooled,
      dTable,
      dProj,
      dConvs,
    },
    k,
  );
  return { dTable, dProj, dConvs };
}

/** Forward then backward of one layer; outputs start as NaN so an unwritten element shows. */
function layerBackward(
  k: GraphConvKernels,
  g: TestGraph,
  fin: number,
  fout: number,
  x: Float32Array,
  params: Float32Array,
  dy: Float32Array,
  withDx = true,
): { y: Float32Array; dx: Float32Array | null; dparams: Float32Array } {
  const y = new Float32Array(g.n * fout);
  graphConvForward({ n: g.n, fin, fout, predPtr: g.predPtr, predIdx: g.predIdx, x, params, y }, k);
  const dx = withDx ? new Float32Array(g.n * fin).fill(NaN) : null;
  const dparams = new Float32Array((2 * fin + 1) * fout).fill(NaN);
  graphConvBackward(
    {
      n: g.n,
      fin,
      fout,
      predPtr: g.predPtr,
      predIdx: g.predIdx,
      succPtr: g.succPtr,
      succIdx: g.succIdx,
      x,
      params,
      y,
      dy,
      dx,
      dparams,
    },
    k,
  );
  return { y, dx, dparams };
}

export interface GraphConvConformanceOptions {
  /** The JS twin, to compare the native kernels against (≤ 1e-5); omit when testing the twin itself. */
  readonly twin?: () => GraphConvKernels;
  /** Sets the native thread count (to check results do not depend on it). */
  readonly setThreads?: (threads: number) => void;
}

export function describeGraphConvConformance(
  label: string,
  getKernels: () => GraphConvKernels | null,
  options: GraphConvConformanceOptions = {},
): void {
  describe(`graph-conv conformance: ${label}`, () => {
    const kernels = (): GraphConvKernels => {
      const k = getKernels();
      if (!k) throw new Error(`${label} graph-conv kernels are not available`);
      return k;
    };

    for (const [n, edges, fin, fout] of [
      [1, 0, 3, 2],
      [7, 12, 4, 5],
      [300, 420, 32, 32],
      // Width 32 has its own register-blocked kernels: a block shorter than the register tile, and a
      // row count just past a 128-row chunk.
      [5, 6, 32, 32],
      [131, 200, 32, 32],
      [513, 700, 9, 17],
    ] as const) {
      it(`layer forward n=${n} e=${edges} ${fin}→${fout} matches the float64 formula`, () => {
        const rand = seededRandom(n * 31 + fin);
        const g = randomDag(n, edges, rand);
        const x = randomMatrix(n, fin, rand);
        const params = randomMatrix(2 * fin + 1, fout, rand).map((v) => v * 0.5);
        const y = new Float32Array(n * fout);
        graphConvForward({ n, fin, fout, predPtr: g.predPtr, predIdx: g.predIdx, x, params, y }, kernels());
        expect(maxScaledError(y, referenceLayer(g, fin, fout, x, params))).toBeLessThan(1e-5);
      });
    }

    // 14 nodes at width 32: the width-32 backward's row blocks end in a partial block.
    for (const [n, edges, fin, fout] of [
      [14, 22, 3, 4],
      [14, 22, 32, 32],
    ] as const) {
      it(`layer backward ${fin}→${fout} matches float64 finite differences (dx, dW1, dW2, db)`, () => {
        const rand = seededRandom(77 + fin);
        const g = randomDag(n, edges, rand);
        const x = randomMatrix(g.n, fin, rand);
        const params = randomMatrix(2 * fin + 1, fout, rand).map((v) => v * (fin > 8 ? 0.2 : 0.7));
        const r = randomMatrix(g.n, fout, rand);
        const { dx, dparams } = layerBackward(kernels(), g, fin, fout, x, params, r);
        const fdX = finiteDifferences(x, (v) => dot(referenceLayer(g, fin, fout, v, params), r));
        const fdP = finiteDifferences(params, (v) => dot(referenceLayer(g, fin, fout, x, v), r));
        expect(maxScaledError(dx!, fdX)).toBeLessThan(1e-4);
        expect(maxScaledError(dparams, fdP)).toBeLessThan(1e-4);
      });
    }

    for (const [fin, fout] of [
      [2, 3],
      [32, 32],
    ] as const) {
      it(`layer backward ${fin}→${fout} leaves dx alone when it is null`, () => {
        const rand = seededRandom(3);
        const g = randomDag(9, 10, rand);
        const x = randomMatrix(9, fin, rand);
        const params = randomMatrix(2 * fin + 1, fout, rand);
        const dy = randomMatrix(9, fout, rand);
        const { dparams } = layerBackward(kernels(), g, fin, fout, x, params, dy, false);
        const withDx = layerBackward(kernels(), g, fin, fout, x, params, dy);
        expect(Array.from(dparams)).toEqual(Array.from(withDx.dparams));
        expect(dparams.some((v) => v !== 0)).toBe(true);
      });
    }

    it('encoder at width 32 matches the float64 reference and finite differences', () => {
      const c = encoderCase(31, [9, 3, 6], 32, 2, true);
      const rand = seededRandom(6);
      const r = randomMatrix(c.graphs, c.width, rand);
      const { pooled, acts } = runEncoder(kernels(), c);
      expect(maxScaledError(pooled, referenceEncoder(c, c.table, c.proj, c.convs))).toBeLessThan(1e-5);
      const { dTable, dProj, dConvs } = runEncoderBackward(kernels(), c, acts, r);
      // Every 7th entry (7 is prime to 32, so every column and every weight row is sampled).
      const checks = [
        sampledDifferences(c.proj, dProj, 7, (v) => dot(referenceEncoder(c, c.table, v, c.convs), r)),
        sampledDifferences(c.convs, dConvs, 7, (v) => dot(referenceEncoder(c, c.table, c.proj, v), r)),
        sampledDifferences(c.table, dTable, 7, (v) => dot(referenceEncoder(c, v, c.proj, c.convs), r)),
      ];
      for (const { fd, picked } of checks) expect(maxScaledError(picked, fd)).toBeLessThan(1e-4);
    }, 30_000);

    for (const dropout of [false, true]) {
      it(`encoder forward ${dropout ? 'with dropout masks ' : ''}matches the float64 reference`, () => {
        const c = encoderCase(dropout ? 11 : 12, [5, 1, 9, 0, 7], 6, 3, dropout);
        const { pooled, acts } = runEncoder(kernels(), c);
        expect(maxScaledError(pooled, referenceEncoder(c, c.table, c.proj, c.convs))).toBeLessThan(1e-5);
        expect(acts.every(Number.isFinite)).toBe(true);
        // The empty graph (index 3) pools to zeros.
        expect(Array.from(pooled.subarray(3 * 6, 4 * 6))).toEqual([0, 0, 0, 0, 0, 0]);
      });

      it(`encoder backward ${dropout ? 'with dropout masks ' : ''}matches float64 finite differences`, () => {
        const c = encoderCase(dropout ? 21 : 22, [6, 2, 8], 4, 2, dropout);
        const rand = seededRandom(5);
        const r = randomMatrix(c.graphs, c.width, rand);
        const { acts } = runEncoder(kernels(), c);
        const { dTable, dProj, dConvs } = runEncoderBackward(kernels(), c, acts, r);
        const fdTable = finiteDifferences(c.table, (v) => dot(referenceEncoder(c, v, c.proj, c.convs), r));
        const fdProj = finiteDifferences(c.proj, (v) => dot(referenceEncoder(c, c.table, v, c.convs), r));
        const fdConvs = finiteDifferences(c.convs, (v) => dot(referenceEncoder(c, c.table, c.proj, v), r));
        expect(maxScaledError(dTable, fdTable)).toBeLessThan(1e-4);
        expect(maxScaledError(dProj, fdProj)).toBeLessThan(1e-4);
        expect(maxScaledError(dConvs, fdConvs)).toBeLessThan(1e-4);
        // Table rows no node uses get exactly zero gradient.
        const used = new Set(Array.from(c.embedIdx).filter((v) => v >= 0));
        for (let row = 0; row < c.embedRows; row++) {
          if (!used.has(row)) expect(Array.from(dTable.subarray(row * 4, row * 4 + 4))).toEqual([0, 0, 0, 0]);
        }
      });
    }

    it('rejects a malformed CSR with NativeInputError before any kernel runs', () => {
      const y = new Float32Array(4);
      const bad = {
        n: 2,
        fin: 1,
        fout: 2,
        predPtr: Int32Array.of(0, 1, 2),
        predIdx: Int32Array.of(0, 5),
        x: new Float32Array(2),
        params: new Float32Array(6),
        y,
      };
      expect(() => graphConvForward(bad, kernels())).toThrow(NativeInputError);
      expect(() =>
        graphConvForward({ ...bad, predPtr: Int32Array.of(0, 2, 1), predIdx: Int32Array.of(0, 0) }, kernels()),
      ).toThrow(NativeInputError);
      expect(() =>
        graphConvForward({ ...bad, predIdx: Int32Array.of(0, 1), x: new Float32Array(1) }, kernels()),
      ).toThrow(NativeInputError);
    });

    const twin = options.twin;
    if (twin) {
      it('matches the JS twin within 1e-5 (forward and backward, 1,500 nodes, dropout)', () => {
        const c = encoderCase(99, [600, 500, 1, 399], 32, 3, true);
        const native = runEncoder(kernels(), c);
        const js = runEncoder(twin(), c);
        expect(maxScaledError(native.pooled, js.pooled)).toBeLessThan(1e-5);
        expect(maxScaledError(native.acts, js.acts)).toBeLessThan(1e-5);
        const r = randomMatrix(c.graphs, c.width, seededRandom(8));
        const gn = runEncoderBackward(kernels(), c, native.acts, r);
        const gj = runEncoderBackward(twin(), c, js.acts, r);
        expect(maxScaledError(gn.dTable, gj.dTable)).toBeLessThan(1e-5);
        expect(maxScaledError(gn.dProj, gj.dProj)).toBeLessThan(1e-5);
        expect(maxScaledError(gn.dConvs, gj.dConvs)).toBeLessThan(1e-5);
      });
    }

    const setThreads = options.setThreads;
    if (setThreads) {
      it.each([16, 32])('gives bit-identical gradients on 1 and 2 threads (width %i)', (width) => {
        const c = encoderCase(5, [700, 900], width, 2, false);
        const r = randomMatrix(c.graphs, c.width, seededRandom(2));
        const run = (threads: number): Float32Array[] => {
          setThreads(threads);
          const { acts, pooled } = runEncoder(kernels(), c);
          const g = runEncoderBackward(kernels(), c, acts, r);
          return [pooled, g.dTable, g.dProj, g.dConvs];
        };
        const one = run(1);
        const two = run(2);
        for (let i = 0; i < one.length; i++) expect(Array.from(two[i]!)).toEqual(Array.from(one[i]!));
      });
    }
  });
}
