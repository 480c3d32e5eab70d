// The whole NAS-Bench-101 network as a CG, following google-research/nasbench `model_builder.py`: stem
// conv3x3-BN-ReLU 128, 3 stacks × 3 cells with 2×2 max-pool and channel doubling between stacks, global
// average pool, dense 10. Cells use the official vertex-channel rule and 1×1 input projections.
import type { ComputationGraph } from '../../graph/computation-graph.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { pruneNb101, type Nb101Spec } from './nb101-spec.js';

export interface Nb101GraphOptions {
  /** Stem output channels (NB-101: 128). */
  readonly stemChannels?: number;
  readonly numStacks?: number;
  readonly cellsPerStack?: number;
  readonly numClasses?: number;
  /** Input resolution (CIFAR-10: 32). */
  readonly resolution?: number;
}

const DEFAULTS: Required<Nb101GraphOptions> = {
  stemChannels: 128,
  numStacks: 3,
  cellsPerStack: 3,
  numClasses: 10,
  resolution: 32,
};

/** model_builder.compute_vertex_channels: split the output channels among the vertices feeding the output. */
export function nb101VertexChannels(inC: number, outC: number, matrix: readonly (readonly number[])[]): number[] {
  const n = matrix.length;
  const ch = new Array<number>(n).fill(0);
  ch[0] = inC;
  ch[n - 1] = outC;
  if (n === 2) return ch;
  let inDegreeOut = 0;
  for (let v = 1; v < n - 1; v++) inDegreeOut += matrix[v]![n - 1]!;
  const interior = Math.floor(outC / inDegreeOut);
  let correction = outC % inDegreeOut;
  for (let v = 1; v < n - 1; v++) {
    if (matrix[v]![n - 1]) {
      ch[v] = interior;
      if (correction > 0) {
        ch[v]!++;
        correction--;
      }
    }
  }
  for (let v = n - 3; v > 0; v--) {
    if (!matrix[v]![n - 1]) {
      for (let dst = v + 1; dst < n - 1; dst++) if (matrix[v]![dst]) ch[v] = Math.max(ch[v]!, ch[dst]!);
    }
  }
  return ch;
}

function convBnRelu(b: GraphBuilder, x: number, c: number, k: number): number {
  return b.relu(b.batchnorm(b.conv(x, { outC: c, k })));
}

function cell(b: GraphBuilder, spec: Nb101Spec, x: number, outC: number): number {
  const { matrix, ops } = spec;
  const n = matrix.length;
  const ch = nb101VertexChannels(b.shape(x).c, outC, matrix);
  const tensors: number[] = [x];
  const concatIn: number[] = [];
  for (let t = 1; t < n - 1; t++) {
    const addIn: number[] = [];
    for (let src = 1; src < t; src++) {
      if (!matrix[src]![t]) continue;
      const v = tensors[src]!;
      const s = b.shape(v);
      // Truncation keeps the first channels; it has no weights and no GENNAPE op, so it is an <oov> slice.
      addIn.push(s.c > ch[t]! ? b.opaque([v], { h: s.h, w: s.w, c: ch[t]! }, 'channel-slice') : v);
    }
    if (matrix[0]![t]) addIn.push(convBnRelu(b, x, ch[t]!, 1));
    const input = addIn.length === 1 ? addIn[0]! : b.add(addIn);
    const op = ops[t];
    let value: number;
    if (op === 'conv3x3-bn-relu') value = convBnRelu(b, input, ch[t]!, 3);
    else if (op === 'conv1x1-bn-relu') value = convBnRelu(b, input, ch[t]!, 1);
    else value = b.maxpool(input, { k: 3, stride: 1 });
    tensors.push(value);
    if (matrix[t]![n - 1]) concatIn.push(value);
  }
  if (concatIn.length === 0) return convBnRelu(b, x, outC, 1);
  const out = concatIn.length === 1 ? concatIn[0]! : b.concat(concatIn);
  return matrix[0]![n - 1] ? b.add([out, convBnRelu(b, x, outC, 1)]) : out;
}

/** Builds the CG of an NB-101 cell spec (validated and pruned first; throws ArchError when invalid). */
export function nb101Graph(spec: Nb101Spec, options: Nb101GraphOptions = {}): ComputationGraph {
  const opts = { ...DEFAULTS, ...options };
  const pruned = pruneNb101(spec);
  const b = new GraphBuilder(
    { family: 'nb101', arch: JSON.stringify({ matrix: spec.matrix, ops: spec.ops }) },
    { validate: false },
  );
  let x = b.input(opts.resolution, opts.resolution, 3);
  x = convBnRelu(b, x, opts.stemChannels, 3);
  let channels = opts.stemChannels;
  for (let s = 0; s < opts.numStacks; s++) {
    if (s > 0) {
      // TF 'same' padding for a 2×2/2 pool on an even size pads nothing.
      const h = b.shape(x).h;
      x = b.maxpool(x, { k: 2, stride: 2, pads: [0, 0, h % 2, h % 2] });
      channels *= 2;
    }
    for (let i = 0; i < opts.cellsPerStack; i++) x = cell(b, pruned, x, channels);
  }
  b.output(b.matmul(b.globalPool(x), opts.numClasses, true));
  return b.build();
}
