// Gradient-boosted regression trees (Friedman 2001) with histogram splits (as LightGBM/XGBoost-hist):
// squared loss, depth-limited trees, shrinkage, row subsampling and an L2 leaf penalty. Compact and
// dependency-free so a fitted predictor serialises to plain JSON.
import { Rng } from '@cgnas/native';

import { HwInputError, PredictorFileError } from '../errors.js';

export interface GbtOptions {
  readonly trees?: number;
  readonly depth?: number;
  readonly learningRate?: number;
  readonly minLeaf?: number;
  /** Fraction of rows each tree sees. */
  readonly subsample?: number;
  /** L2 penalty on leaf values. */
  readonly lambda?: number;
  /** Histogram bins per feature. */
  readonly bins?: number;
  readonly seed?: number;
}

export const GBT_DEFAULTS: Required<GbtOptions> = {
  trees: 300,
  depth: 6,
  learningRate: 0.1,
  minLeaf: 5,
  subsample: 0.8,
  lambda: 1,
  bins: 32,
  seed: 0,
};

/** One tree in flat arrays; feature −1 marks a leaf whose value is `value`. */
export interface GbtTree {
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  readonly value: number[];
}

export interface GbtJson {
  readonly kind: 'gbt';
  readonly base: number;
  readonly featureSize: number;
  readonly trees: readonly GbtTree[];
}

function binEdges(values: Float64Array, bins: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const uniq: number[] = [];
  for (const v of sorted) if (uniq.length === 0 || uniq[uniq.length - 1] !== v) uniq.push(v);
  if (uniq.length <= bins) return Float64Array.from(uniq);
  const edges: number[] = [];
  for (let b = 1; b <= bins; b++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((b * sorted.length) / bins) - 1)]!;
    if (edges.length === 0 || edges[edges.length - 1]! < v) edges.push(v);
  }
  edges[edges.length - 1] = uniq[uniq.length - 1]!;
  return Float64Array.from(edges);
}

function binOf(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export class GbtRegressor {
  private constructor(
    private readonly base: number,
    private readonly featureSize: number,
    private readonly trees: readonly GbtTree[],
  ) {}

  static fit(x: readonly Float64Array[], y: ArrayLike<number>, options: GbtOptions = {}): GbtRegressor {
    const o = { ...GBT_DEFAULTS, ...options };
    const n = x.length;
    if (n < 2 || y.length !== n) {
      throw new HwInputError(
        `hw-profiler.GbtRegressor.fit: Expected >= 2 rows with one target each but received ${n} rows, ${y.length} targets`,
      );
    }
    for (const [k, v] of [
      ['trees', o.trees],
      ['depth', o.depth],
      ['minLeaf', o.minLeaf],
      ['bins', o.bins],
    ] as const) {
      if (!Number.isInteger(v) || v < 1)
        throw new HwInputError(`hw-profiler.GbtRegressor.fit: Expected a positive integer for ${k} but received ${v}`);
    }
    if (!(o.subsample > 0 && o.subsample <= 1)) {
      throw new HwInputError(`hw-profiler.GbtRegressor.fit: Expected subsample in (0, 1] but received ${o.subsample}`);
    }
    const d = x[0]!.length;
    const edges: Float64Array[] = [];
    const binned: Uint8Array[] = [];
    for (let j = 0; j < d; j++) {
      const col = Float64Array.from(x, (r) => r[j]!);
      const e = binEdges(col, Math.min(o.bins, 255));
      edges.push(e);
      binned.push(Uint8Array.from(col, (v) => binOf(e, v)));
    }
    let base = 0;
    for (let i = 0; i < n; i++) base += y[i]!;
    base /= n;
    const pred = new Float64Array(n).fill(base);
    const resid = new Float64Array(n);
    const rng = new Rng(o.seed);
    const trees: GbtTree[] = [];
    const gsum = new Float64Array(256);
    const cnt = new Float64Array(256);
    for (let t = 0; t < o.trees; t++) {
      for (let i = 0; i < n; i++) resid[i] = y[i]! - pred[i]!;
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (o.subsample >= 1 || rng.float() < o.subsample) rows.push(i);
      const tree: GbtTree = { feature: [], threshold: [], left: [], right: [], value: [] };
      const grow = (idx: number[], level: number): number => {
        const node = tree.feature.length;
        let g = 0;
        for (const i of idx) g += resid[i]!;
        tree.feature.push(-1);
        tree.threshold.push(0);
        tree.left.push(-1);
        tree.right.push(-1);
        tree.value.push((o.learningRate * g) / (idx.length + o.lambda));
        if (level >= o.depth || idx.length < 2 * o.minLeaf) return node;
        const parent = (g * g) / (idx.length + o.lambda);
        let bestGain = 1e-12;
        let bestF = -1;
        let bestB = -1;
        for (let j = 0; j < d; j++) {
          const nb = edges[j]!.length;
          if (nb < 2) continue;
          const col = binned[j]!;
          gsum.fill(0, 0, nb);
          cnt.fill(0, 0, nb);
          for (const i of idx) {
            const b = col[i]!;
            gsum[b]! += resid[i]!;
            cnt[b]! += 1;
          }
          let gl = 0;
          let nl = 0;
          for (let b = 0; b < nb - 1; b++) {
            gl += gsum[b]!;
            nl += cnt[b]!;
            const nr = idx.length - nl;
            if (nl < o.minLeaf || nr < o.minLeaf) continue;
            const gr = g - gl;
            const gain = (gl * gl) / (nl + o.lambda) + (gr * gr) / (nr + o.lambda) - parent;
            if (gain > bestGain) {
              bestGain = gain;
              bestF = j;
              bestB = b;
            }
          }
        }
        if (bestF < 0) return node;
        const col = binned[bestF]!;
        const li = idx.filter((i) => col[i]! <= bestB);
        const ri = idx.filter((i) => col[i]! > bestB);
        tree.feature[node] = bestF;
        tree.threshold[node] = edges[bestF]![bestB]!;
        tree.left[node] = grow(li, level + 1);
        tree.right[node] = grow(ri, level + 1);
        return node;
      };
      grow(rows, 0);
      trees.push(tree);
      for (let i = 0; i < n; i++) pred[i]! += evalTree(tree, x[i]!);
    }
    return new GbtRegressor(base, d, trees);
  }

  static fromJSON(json: unknown): GbtRegressor {
    const j = json as Partial<GbtJson> | null;
    if (
      !j ||
      j.kind !== 'gbt' ||
      typeof j.base !== 'number' ||
      typeof j.featureSize !== 'number' ||
      !Array.isArray(j.trees)
    ) {
      throw new PredictorFileError(
        'hw-profiler.GbtRegressor.fromJSON: Expected a {kind:"gbt", base, featureSize, trees} object; re-run `cgnas latency fit`',
      );
    }
    return new GbtRegressor(j.base, j.featureSize, j.trees);
  }

  predict(x: Float64Array): number {
    if (x.length !== this.featureSize) {
      throw new HwInputError(
        `hw-profiler.GbtRegressor.predict: Expected ${this.featureSize} features but received ${x.length}`,
      );
    }
    let s = this.base;
    for (const t of this.trees) s += evalTree(t, x);
    return s;
  }

  toJSON(): GbtJson {
    return { kind: 'gbt', base: this.base, featureSize: this.featureSize, trees: this.trees };
  }
}

function evalTree(t: GbtTree, x: Float64Array): number {
  let node = 0;
  for (;;) {
    const f = t.feature[node]!;
    if (f < 0) return t.value[node]!;
    node = x[f]! <= t.threshold[node]! ? t.left[node]! : t.right[node]!;
  }
}
