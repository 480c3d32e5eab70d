// The DARTS evaluation network as NAS-Bench-301 trains it (DARTS `model.py` NetworkCIFAR, C = 32, 8 cells,
// reductions at 1/3 and 2/3 of the depth, no auxiliary head): stem conv3x3 3C + BN, cells with ReLUConvBN /
// FactorizedReduce preprocessing, global average pool, FC 10.
import type { ComputationGraph } from '../../graph/computation-graph.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { pruneDeadNodes } from '../../graph/prune-dead-nodes.js';
import { ArchError } from '../arch-error.js';
import { parseDartsGenotype, type DartsCell, type DartsOp } from './darts-genotype.js';

export interface Nb301GraphOptions {
  /** Initial channels C (NB-301: 32). */
  readonly channels?: number;
  /** Number of cells (NB-301: 8). */
  readonly layers?: number;
  readonly numClasses?: number;
  readonly resolution?: number;
  /**
   * Whether the BNs inside cell ops (sep/dil conv, FactorizedReduce of a reduce-cell skip) learn scale and shift.
   * Default false: NASLib builds NB-301 networks from its DARTS search graph whose ops use `affine=False`, and its
   * published params/FLOPs (the reference we test against) count them so. DARTS' own evaluation network uses true.
   * Preprocessing and stem BNs are affine either way.
   */
  readonly opBnAffine?: boolean;
}

const DEFAULTS: Required<Nb301GraphOptions> = {
  channels: 32,
  layers: 8,
  numClasses: 10,
  resolution: 32,
  opBnAffine: false,
};
const STEM_MULTIPLIER = 3;

function reluConvBn(b: GraphBuilder, x: number, c: number): number {
  return b.batchnorm(b.conv(b.relu(x), { outC: c, k: 1 }));
}

/**
 * DARTS FactorizedReduce: ReLU, two 1×1 stride-2 convs to C/2 (the second on the input shifted by one pixel,
 * which changes no shape or cost and is not a separate node), concat, BN.
 */
function factorizedReduce(b: GraphBuilder, x: number, c: number, affine: boolean): number {
  if (c % 2 !== 0) throw new ArchError(`cg-core.nb301Graph: FactorizedReduce needs even channels but got ${c}`);
  const r = b.relu(x);
  const pads = [0, 0, 0, 0] as const;
  const c1 = b.conv(r, { outC: c / 2, k: 1, stride: 2, pads });
  const c2 = b.conv(r, { outC: c / 2, k: 1, stride: 2, pads });
  return b.batchnorm(b.concat([c1, c2]), affine);
}

function sepConv(b: GraphBuilder, x: number, c: number, k: number, stride: number, affine: boolean): number {
  let y = x;
  for (let i = 0; i < 2; i++) {
    y = b.relu(y);
    y = b.conv(y, { outC: c, k, stride: i === 0 ? stride : 1, groups: c });
    y = b.batchnorm(b.conv(y, { outC: c, k: 1 }), affine);
  }
  return y;
}

function dilConv(b: GraphBuilder, x: number, c: number, k: number, stride: number, affine: boolean): number {
  const y = b.conv(b.relu(x), { outC: c, k, stride, groups: c, dilation: 2 });
  return b.batchnorm(b.conv(y, { outC: c, k: 1 }), affine);
}

function applyOp(b: GraphBuilder, op: DartsOp, x: number, c: number, stride: number, affine: boolean): number {
  switch (op) {
    // NASLib's DARTS ops follow pools with a BN (as DARTS' search cell does); `affine` as for the other ops.
    case 'max_pool_3x3':
      return b.batchnorm(b.maxpool(x, { k: 3, stride }), affine);
    case 'avg_pool_3x3':
      return b.batchnorm(b.avgpool(x, { k: 3, stride }), affine);
    case 'skip_connect':
      // An explicit identity node: a cell may sum the same tensor twice.
      return stride === 1 ? b.unary('identity', x) : factorizedReduce(b, x, c, affine);
    case 'sep_conv_3x3':
      return sepConv(b, x, c, 3, stride, affine);
    case 'sep_conv_5x5':
      return sepConv(b, x, c, 5, stride, affine);
    case 'dil_conv_3x3':
      return dilConv(b, x, c, 3, stride, affine);
    case 'dil_conv_5x5':
      return dilConv(b, x, c, 5, stride, affine);
    default: {
      const never: never = op;
      throw new ArchError(`cg-core.nb301Graph: unknown op ${String(never)}`);
    }
  }
}

function dartsCell(
  b: GraphBuilder,
  cell: DartsCell,
  concat: readonly number[],
  s0: number,
  s1: number,
  c: number,
  reduction: boolean,
  reductionPrev: boolean,
  affine: boolean,
): number {
  // Everything is built as DARTS does; what no op or concat reads is dropped by pruneDeadNodes afterwards.
  const states = [reductionPrev ? factorizedReduce(b, s0, c, true) : reluConvBn(b, s0, c), reluConvBn(b, s1, c)];
  for (let node = 2; node < 6; node++) {
    const terms: number[] = [];
    for (let j = 0; j < 2; j++) {
      const [op, input] = cell[2 * (node - 2) + j]!;
      terms.push(applyOp(b, op, states[input]!, c, reduction && input < 2 ? 2 : 1, affine));
    }
    states.push(b.add(terms));
  }
  const outs = concat.map((v) => states[v]!);
  return outs.length === 1 ? b.unary('identity', outs[0]!) : b.concat(outs);
}

/** Builds the CG of a DARTS / NB-301 genotype (validated first; throws ArchError when invalid). */
export function nb301Graph(genotype: unknown, options: Nb301GraphOptions = {}): ComputationGraph {
  const opts = { ...DEFAULTS, ...options };
  const g = parseDartsGenotype(genotype);
  const b = new GraphBuilder({ family: 'nb301', arch: JSON.stringify(g) }, { validate: false });
  const x = b.input(opts.resolution, opts.resolution, 3);
  const stem = b.batchnorm(b.conv(x, { outC: STEM_MULTIPLIER * opts.channels, k: 3 }));
  let s0 = stem;
  let s1 = stem;
  let c = opts.channels;
  let reductionPrev = false;
  const reductions = new Set([Math.floor(opts.layers / 3), Math.floor((2 * opts.layers) / 3)]);
  for (let i = 0; i < opts.layers; i++) {
    const reduction = reductions.has(i);
    if (reduction) c *= 2;
    const out = reduction
      ? dartsCell(b, g.reduce, g.reduce_concat, s0, s1, c, true, reductionPrev, opts.opBnAffine)
      : dartsCell(b, g.normal, g.normal_concat, s0, s1, c, false, reductionPrev, opts.opBnAffine);
    s0 = s1;
    s1 = out;
    reductionPrev = reduction;
  }
  b.output(b.matmul(b.globalPool(s1), opts.numClasses, true));
  // A cell that never reads one of its inputs (or leaves a node out of its concat) computes dead code; the
  // CG keeps only what reaches the classifier. NB-301's genotypes read everything, so none is dropped there.
  return pruneDeadNodes(b.build());
}
