// The whole NAS-Bench-201 network as a CG, built the way NAS-Bench-201 builds it (xautodl TinyNetwork /
// InferCell): stem conv3x3+BN, 3 stages of 5 cells (C = 16, 32, 64) joined by ResNet basic blocks,
// BN+ReLU, global pool, FC. Dead edges: see `Nb201GraphOptions.deadEdges`.
import type { ComputationGraph } from '../../graph/computation-graph.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { ArchError } from '../arch-error.js';
import { formatNb201Arch, NB201_EDGES, parseNb201Arch, type Nb201Arch, type Nb201Op } from './nb201-arch.js';

export interface Nb201GraphOptions {
  /**
   * How `none` edges appear.
   * - `'zero'` (default): every edge op is instantiated as NAS-Bench-201's InferCell does, and `none` becomes a
   *   `zero` node (PyTorch `x.mul(0.)`). Ops whose output only reaches `none` edges stay in the graph, as their
   *   weights do in the trained network — this is what makes the CG's parameter count equal the benchmark's
   *   `params` (which counts them).
   * - `'prune'` (GENNAPE-style): `none` edges are dropped, and so is every op that cannot influence the cell
   *   output (its input is always zero or its result only reaches `none` edges); `skip_connect` is a plain
   *   edge (an identity node only where a tensor is summed twice). A cell with no live path becomes a single
   *   `zero` node. Cells computing the same function then share a graph; parameters count only live weights.
   */
  readonly deadEdges?: 'zero' | 'prune';
  /** Dataset head: CIFAR-10 (default), CIFAR-100, or ImageNet16-120 (16×16 input). */
  readonly dataset?: 'cifar10' | 'cifar100' | 'imagenet16-120';
}

const DEFAULTS: Required<Nb201GraphOptions> = { deadEdges: 'zero', dataset: 'cifar10' };

const STAGE_CHANNELS = [16, 32, 64] as const;
const CELLS_PER_STAGE = 5;

function datasetShape(dataset: Required<Nb201GraphOptions>['dataset']): { res: number; classes: number } {
  switch (dataset) {
    case 'cifar10':
      return { res: 32, classes: 10 };
    case 'cifar100':
      return { res: 32, classes: 100 };
    case 'imagenet16-120':
      return { res: 16, classes: 120 };
    default: {
      const never: never = dataset;
      throw new ArchError(
        `cg-core.nb201Graph: Expected 'cifar10', 'cifar100' or 'imagenet16-120' for dataset but received ${String(never)}`,
      );
    }
  }
}

function reluConvBn(b: GraphBuilder, x: number, c: number, k: number, stride: number): number {
  return b.batchnorm(b.conv(b.relu(x), { outC: c, k, stride }));
}

/** Applies one cell op to node x (C channels in and out). */
function edgeOp(b: GraphBuilder, op: Nb201Op, x: number, c: number): number {
  switch (op) {
    case 'none':
      return b.unary('zero', x);
    case 'skip_connect':
      // An explicit node: a cell may sum the same tensor twice (x + skip(x)), which needs two edges.
      return b.unary('identity', x);
    case 'nor_conv_1x1':
      return reluConvBn(b, x, c, 1, 1);
    case 'nor_conv_3x3':
      return reluConvBn(b, x, c, 3, 1);
    case 'avg_pool_3x3':
      return b.avgpool(x, { k: 3, stride: 1 });
    default: {
      const never: never = op;
      throw new ArchError(`cg-core.nb201Graph: unknown op ${String(never)}`);
    }
  }
}

/** Sum of the terms; a tensor summed twice (x + skip(x)) gets an identity node for its second edge. */
function sum(b: GraphBuilder, terms: readonly number[]): number {
  if (terms.length === 1) return terms[0]!;
  const inputs = terms.map((t, i) => (terms.indexOf(t) < i ? b.unary('identity', t) : t));
  return b.add(inputs);
}

function cell(b: GraphBuilder, arch: Nb201Arch, x: number, c: number, prune: boolean): number {
  let live = [true, true, true, true, true, true];
  if (prune) {
    const fwd = [true, false, false, false];
    for (let e = 0; e < 6; e++) {
      const [s, d] = NB201_EDGES[e]!;
      if (arch[e] !== 'none' && fwd[s]) fwd[d] = true;
    }
    const useful = [false, false, false, true];
    for (let e = 5; e >= 0; e--) {
      const [s, d] = NB201_EDGES[e]!;
      if (arch[e] !== 'none' && useful[d]) useful[s] = true;
    }
    if (!fwd[3]) return b.unary('zero', x);
    live = arch.map((op, e) => {
      const [s, d] = NB201_EDGES[e]!;
      return op !== 'none' && fwd[s]! && useful[d]!;
    });
  }
  const value = [x, -1, -1, -1];
  let e = 0;
  for (let d = 1; d <= 3; d++) {
    const terms: number[] = [];
    for (let s = 0; s < d; s++, e++) {
      if (!live[e]) continue;
      // When pruning, a skip is just an edge: cells that compute the same function get the same graph.
      terms.push(prune && arch[e] === 'skip_connect' ? value[s]! : edgeOp(b, arch[e]!, value[s]!, c));
    }
    if (terms.length > 0) value[d] = sum(b, terms);
  }
  return value[3]!;
}

/** ResNet basic block with stride 2 (xautodl ResNetBasicblock): shortcut avgpool 2×2 + conv1×1, no final ReLU. */
function reductionBlock(b: GraphBuilder, x: number, c: number): number {
  const a = reluConvBn(b, x, c, 3, 2);
  const main = reluConvBn(b, a, c, 3, 1);
  const shortcut = b.conv(b.avgpool(x, { k: 2, stride: 2, pads: 'valid' }), { outC: c, k: 1 });
  return b.add([main, shortcut]);
}

/** Builds the CG of an NB-201 architecture (arch string or parsed ops). */
export function nb201Graph(arch: string | Nb201Arch, options: Nb201GraphOptions = {}): ComputationGraph {
  const opts = { ...DEFAULTS, ...options };
  const ops = typeof arch === 'string' ? parseNb201Arch(arch) : arch;
  if (!Array.isArray(ops) || ops.length !== 6) {
    throw new ArchError(`cg-core.nb201Graph: Expected an arch string or 6 ops for arch but received ${String(arch)}`);
  }
  const prune = opts.deadEdges === 'prune';
  if (!prune && opts.deadEdges !== 'zero') {
    throw new ArchError(
      `cg-core.nb201Graph: Expected 'zero' or 'prune' for deadEdges but received ${String(opts.deadEdges)}`,
    );
  }
  const { res, classes } = datasetShape(opts.dataset);
  const b = new GraphBuilder({ family: 'nb201', arch: formatNb201Arch(ops) }, { validate: false });
  let x = b.input(res, res, 3);
  x = b.batchnorm(b.conv(x, { outC: STAGE_CHANNELS[0], k: 3 }));
  for (let s = 0; s < STAGE_CHANNELS.length; s++) {
    const c = STAGE_CHANNELS[s]!;
    if (s > 0) x = reductionBlock(b, x, c);
    for (let i = 0; i < CELLS_PER_STAGE; i++) x = cell(b, ops, x, c, prune);
  }
  x = b.relu(b.batchnorm(x));
  b.output(b.matmul(b.globalPool(x), classes, true));
  return b.build();
}
