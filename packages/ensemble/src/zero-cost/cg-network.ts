// A Computation Graph instantiated as a tfjs network with seeded random weights, for the zero-cost
// proxies (Abdelfattah et al., ICLR 2021; NASLib predictors/pruners): NHWC, BatchNorm with batch
// statistics and identity affine (PyTorch's train mode at init), PyTorch padding semantics.
import type { CgNode, ComputationGraph } from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';
import { tf } from '@cgnas/native/tf';

import { avgPoolExcludePad } from './avg-pool-exclude-pad.js';
import { batchNormTrain } from './batch-norm-train.js';
import { gradTap } from './grad-tap.js';
import { reluOp } from './relu-op.js';
import { ZeroCostError } from './zero-cost-error.js';

/** How CgNetwork draws its weights. */
export type CgInit = 'kaiming-normal' | 'pytorch';

/** A weighted layer: NASLib scores Conv2d and Linear weights (BN has none at init worth scoring). */
export interface CgLayer {
  readonly node: number;
  readonly kind: 'conv' | 'depthwise' | 'matmul';
  /** tfjs layout: conv [kh, kw, inC/groups, outC], depthwise [kh, kw, C, 1], matmul [in, out]. */
  readonly shape: readonly number[];
}

export interface CgForwardOptions {
  /** Batch-statistics BatchNorm (true), or BatchNorm removed (synflow's `bn=False` copy). */
  readonly bn: boolean;
  /** One tensor per layer (same order as `layers`); defaults to the network's weights. */
  readonly weights?: readonly tf.Tensor[];
  /**
   * Called in backpropagation with ∂L/∂(layer output) and the layer output (fisher); only when given.
   * The arrays are valid during the call.
   */
  readonly onLayerGrad?: (layer: number, grad: Float32Array, output: Float32Array) => void;
  /**
   * Called with the input values of each ReLU/ReLU6 (NASWOT's binary codes), or with null and the
   * per-sample size when the input is identically zero (a `zero` edge feeds it). Nodes that reach the
   * output only through `zero` ops are computed only when this hook is given (PyTorch runs them).
   */
  readonly onReluInput?: (node: number, input: Float32Array | null, perSample: number, copies: number) => void;
  /**
   * Divides the activation at every node that all paths pass through by its maximum, and returns the
   * log of the product of those factors. Exact for positively homogeneous networks (synflow).
   */
  readonly rescale?: boolean;
}

export interface CgForwardResult {
  readonly logits: tf.Tensor2D;
  /** ln of the factor the output was multiplied by (0 unless `rescale`). */
  readonly logScale: number;
}

const HOMOGENEOUS: ReadonlySet<string> = new Set([
  'input',
  'output',
  'conv',
  'depthwise',
  'matmul',
  'relu',
  'maxpool',
  'avgpool',
  'global',
  'mean',
  'add',
  'concat',
  'identity',
  'zero',
  'paddings',
  'batchnorm',
]);

/** Ops without weights whose value depends only on their inputs and attributes (BN: batch statistics). */
const SHAREABLE: ReadonlySet<string> = new Set([
  'relu',
  'relu6',
  'sigmoid',
  'tanh',
  'swish',
  'gelu',
  'hswish',
  'hsigmoid',
  'maxpool',
  'avgpool',
  'global',
  'mean',
  'identity',
  'paddings',
  'batchnorm',
]);

/** Seeded instance of a CG as a tfjs network. Holds tensors: call dispose(). */
export class CgNetwork {
  readonly layers: readonly CgLayer[];
  readonly weights: readonly tf.Tensor[];
  readonly inputShape: readonly [number, number, number];
  readonly classes: number;
  /** True when rescaled synflow is exact (every op positively homogeneous of degree 1). */
  readonly homogeneous: boolean;
  /**
   * Layers with a nonzero input whose output reaches the network output along a path without a `zero`
   * op: the others get zero gradients, and tfjs refuses to differentiate with respect to an unused weight.
   */
  readonly liveLayers: readonly number[];
  /** False when every path to the output crosses a `zero` op: the output is constant. */
  readonly outputDependsOnInput: boolean;
  private readonly layerOf = new Map<number, number>();
  private readonly live: readonly boolean[];
  private readonly sameAs: readonly number[];
  private readonly copies: readonly number[];
  private readonly preds: number[][];
  private readonly cutNodes: ReadonlySet<number>;

  /**
   * `init`: 'kaiming-normal' N(0, 2/fan_in) (He et al. 2015), or 'pytorch', PyTorch's default for
   * Conv2d/Linear (kaiming_uniform with a = √5: U(±1/√fan_in)), which is what NASLib's published
   * NB-201 scores were computed with.
   */
  constructor(
    readonly graph: ComputationGraph,
    seed: number,
    init: CgInit = 'pytorch',
  ) {
    const nodes = graph.nodes;
    const inputs = nodes.filter((n) => n.op === 'input');
    const outputs = nodes.filter((n) => n.op === 'output');
    if (inputs.length !== 1 || outputs.length !== 1) {
      throw new ZeroCostError(
        `ensemble.CgNetwork: Expected a graph with one input and one output but received ${inputs.length} inputs and ${outputs.length} outputs`,
      );
    }
    for (const n of nodes) {
      if (n.op === '<oov>' || n.op.startsWith('<reserved')) {
        throw new ZeroCostError(
          `ensemble.CgNetwork: node ${n.id} has op ${n.op}, which has no tfjs implementation; map it to a primitive op before scoring`,
        );
      }
    }
    const input = inputs[0]!;
    this.inputShape = [input.outH, input.outW, input.outC];
    const out = outputs[0]!;
    this.classes = out.outH * out.outW * out.outC;
    this.preds = nodes.map(() => []);
    for (const [s, d] of graph.edges) this.preds[d]!.push(s);
    this.homogeneous = nodes.every((n) => HOMOGENEOUS.has(n.op));

    // A node is on every input→output path when no edge jumps over it in the topological order.
    const cover = new Int32Array(nodes.length + 1);
    for (const [s, d] of graph.edges) {
      if (d - s > 1) {
        cover[s + 1]! += 1;
        cover[d]! -= 1;
      }
    }
    const cuts = new Set<number>();
    let running = 0;
    for (let i = 0; i < nodes.length; i++) {
      running += cover[i]!;
      const op = nodes[i]!.op;
      if (running === 0 && op !== 'input' && op !== 'output' && op !== 'matmul') cuts.add(i);
    }
    this.cutNodes = cuts;

    // `zero` nodes carry no value (null in forward), nor does what only they feed; nothing flows back
    // through them. A node is live when its value is not identically zero and reaches the output.
    const nonZero = nodes.map(() => false);
    for (const n of nodes) {
      const ps = this.preds[n.id]!.map((p) => nonZero[p]!);
      nonZero[n.id] =
        n.op === 'input' ||
        (n.op !== 'zero' &&
          (n.op === 'sigmoid' || n.op === 'hsigmoid' || (n.op === 'mul' ? ps.every(Boolean) : ps.some(Boolean))));
    }
    const succs: number[][] = nodes.map(() => []);
    for (const [src, dst] of graph.edges) succs[src]!.push(dst);
    const live = nodes.map(() => false);
    for (let i = nodes.length - 1; i >= 0; i--) {
      live[i] = nonZero[i]! && (nodes[i]!.op === 'output' || succs[i]!.some((d) => live[d]));
    }
    this.outputDependsOnInput = live[out.id]!;

    // Weight-free ops with the same attributes on the same inputs compute the same tensor: NB-201 applies
    // a ReLU (or an avg pool) to a cell node once per outgoing edge. Compute it once; ReLU hooks see the
    // number of copies (NASWOT counts every ReLU module).
    const canonical = new Map<string, number>();
    const sameAs = nodes.map((n) => n.id);
    const copies = nodes.map(() => 1);
    for (const n of nodes) {
      if (!SHAREABLE.has(n.op) || this.preds[n.id]!.length === 0) continue;
      const key = JSON.stringify([n.op, this.preds[n.id], n.kh, n.kw, n.stride, n.dilation, n.pads]);
      const first = canonical.get(key);
      if (first === undefined) {
        canonical.set(key, n.id);
      } else {
        sameAs[n.id] = first;
        copies[first]! += 1;
        live[first] = live[first]! || live[n.id]!;
      }
    }
    this.sameAs = sameAs;
    this.copies = copies;
    this.live = live;

    const rng = new Rng(seed).fork(1);
    const layers: CgLayer[] = [];
    const weights: tf.Tensor[] = [];
    for (const n of nodes) {
      let shape: number[] | null = null;
      let fanIn = 0;
      if (n.op === 'conv') {
        const g = n.groups ?? 1;
        shape = [n.kh ?? 1, n.kw ?? 1, n.inC / g, n.outC];
        fanIn = (n.kh ?? 1) * (n.kw ?? 1) * (n.inC / g);
      } else if (n.op === 'depthwise') {
        shape = [n.kh ?? 1, n.kw ?? 1, n.inC, n.outC / n.inC];
        fanIn = (n.kh ?? 1) * (n.kw ?? 1);
      } else if (n.op === 'matmul') {
        fanIn = n.inH * n.inW * n.inC;
        shape = [fanIn, n.outC];
      }
      if (!shape) continue;
      const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
      if (init === 'pytorch') {
        const bound = 1 / Math.sqrt(fanIn);
        for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-bound, bound);
      } else {
        const std = Math.sqrt(2 / fanIn);
        for (let i = 0; i < values.length; i++) values[i] = rng.normal() * std;
      }
      this.layerOf.set(n.id, layers.length);
      layers.push({ node: n.id, kind: n.op as CgLayer['kind'], shape });
      weights.push(tf.tensor(values, shape));
    }
    this.layers = layers;
    this.weights = weights;
    this.liveLayers = layers.flatMap((l, i) => (live[l.node] ? [i] : []));
  }

  /**
   * Runs the network on x [B, H, W, C]. Call inside tf.tidy (or a gradient function). `zero` ops and
   * everything they alone feed are skipped (null values): exact, since convolutions here have no bias
   * and batch norm of an all-zero input is zero.
   */
  forward(x: tf.Tensor4D, options: CgForwardOptions): CgForwardResult {
    const nodes = this.graph.nodes;
    const weights = options.weights ?? this.weights;
    const values: (tf.Tensor | null)[] = nodes.map(() => null);
    const all = options.onReluInput !== undefined;
    let logScale = 0;
    let result: tf.Tensor | null = null;
    for (const n of nodes) {
      if (!all && !this.live[n.id]) continue;
      const first = this.sameAs[n.id]!;
      if (first !== n.id) {
        values[n.id] = values[first]!;
        continue;
      }
      const ins = this.preds[n.id]!.map((p) => values[p]!);
      let y = this.apply(n, ins, x, weights, options);
      const layer = this.layerOf.get(n.id);
      if (y && layer !== undefined) {
        const onGrad = options.onLayerGrad;
        if (onGrad && this.live[n.id]) y = gradTap(y, (g, a) => onGrad(layer, g, a));
      }
      if (y && options.rescale && this.cutNodes.has(n.id)) {
        const max = tf.max(y).dataSync()[0]!;
        if (max > 0 && Number.isFinite(max)) {
          y = tf.mul(y, 1 / max);
          logScale -= Math.log(max);
        }
      }
      values[n.id] = y;
      if (n.op === 'output') result = y;
    }
    const batch = x.shape[0];
    const logits = (
      result ? tf.reshape(result, [batch, this.classes]) : tf.zeros([batch, this.classes])
    ) as tf.Tensor2D;
    return { logits, logScale };
  }

  /** One node's value; null stands for an all-zero tensor (a `zero` op and what only it feeds). */
  private apply(
    n: CgNode,
    given: readonly (tf.Tensor | null)[],
    x: tf.Tensor4D,
    weights: readonly tf.Tensor[],
    options: CgForwardOptions,
  ): tf.Tensor | null {
    const ins = given.filter((t): t is tf.Tensor => t !== null);
    if (n.op === 'input') return x;
    if (n.op === 'zero') return null;
    if (ins.length === 0 || (n.op === 'mul' && ins.length < given.length)) {
      // Zero in, zero out (every op here is homogeneous or has f(0) = 0) except sigmoid/hsigmoid (0.5);
      // a ReLU still reports its all-zero input to NASWOT.
      if (n.op === 'relu' || n.op === 'relu6')
        options.onReluInput?.(n.id, null, n.inH * n.inW * n.inC, this.copies[n.id]!);
      if (n.op === 'sigmoid' || n.op === 'hsigmoid') {
        const zeros = tf.zeros([x.shape[0], n.inH, n.inW, n.inC]);
        return n.op === 'sigmoid' ? tf.sigmoid(zeros) : tf.div(tf.relu6(tf.add(zeros, 3)), 6);
      }
      return null;
    }
    const a = ins[0] as tf.Tensor4D;
    switch (n.op) {
      case 'output':
      case 'identity':
        return a;
      case 'conv': {
        const w = weights[this.layerOf.get(n.id)!] as tf.Tensor4D;
        const stride = n.stride ?? 1;
        const dilation = n.dilation ?? 1;
        const groups = n.groups ?? 1;
        const pad = explicitPad(n);
        if (groups === 1) return tf.conv2d(a, w, stride, pad, 'NHWC', dilation);
        const xs = tf.split(a, groups, 3);
        const ws = tf.split(w, groups, 3);
        return tf.concat(
          xs.map((xi, i) => tf.conv2d(xi as tf.Tensor4D, ws[i] as tf.Tensor4D, stride, pad, 'NHWC', dilation)),
          3,
        );
      }
      case 'depthwise': {
        const w = weights[this.layerOf.get(n.id)!] as tf.Tensor4D;
        const stride = n.stride ?? 1;
        return tf.depthwiseConv2d(this.pad(a, n, 0), w, stride, 'valid', 'NHWC', n.dilation ?? 1);
      }
      case 'matmul': {
        const w = weights[this.layerOf.get(n.id)!] as tf.Tensor2D;
        // Biases start at zero, so they change no score and keep synflow's network homogeneous.
        return tf.reshape(tf.matMul(tf.reshape(a, [a.shape[0], -1]), w), [a.shape[0], 1, 1, n.outC]);
      }
      case 'batchnorm': {
        return options.bn ? batchNormTrain(a) : a;
      }
      case 'relu': {
        const hook = options.onReluInput;
        return reluOp(a, hook ? (v) => hook(n.id, v, v.length / a.shape[0], this.copies[n.id]!) : undefined);
      }
      case 'relu6':
        options.onReluInput?.(n.id, a.dataSync() as Float32Array, a.size / a.shape[0], this.copies[n.id]!);
        return tf.relu6(a);
      case 'sigmoid':
        return tf.sigmoid(a);
      case 'tanh':
        return tf.tanh(a);
      case 'swish':
        return tf.mul(a, tf.sigmoid(a));
      case 'gelu':
        return tf.mul(tf.mul(a, 0.5), tf.add(1, tf.erf(tf.mul(a, Math.SQRT1_2))));
      case 'hswish':
        return tf.div(tf.mul(a, tf.relu6(tf.add(a, 3))), 6);
      case 'hsigmoid':
        return tf.div(tf.relu6(tf.add(a, 3)), 6);
      case 'add':
        return ins.slice(1).reduce<tf.Tensor>((s, t) => tf.add(s, t), a);
      case 'mul':
        return ins.slice(1).reduce<tf.Tensor>((s, t) => tf.mul(s, t), a);
      case 'concat': {
        if (given.length === 1) return a;
        // Channel positions matter here: a zero input becomes real zeros.
        const parts = given.map((t, i) => {
          const p = this.graph.nodes[this.preds[n.id]![i]!]!;
          return t ?? tf.zeros([x.shape[0], p.outH, p.outW, p.outC]);
        });
        return tf.concat(parts as tf.Tensor4D[], 3);
      }
      case 'maxpool': {
        return tf.maxPool(a, n.kh ?? 1, n.stride ?? 1, explicitPad(n));
      }
      case 'avgpool': {
        // PyTorch count_include_pad=False, NAS-Bench-201's pooling.
        return avgPoolExcludePad(a, n.kh ?? 1, n.stride ?? 1, n.pads ?? [0, 0, 0, 0]);
      }
      case 'global':
      case 'mean': {
        // As a batched product with a constant row (native BatchMatMul): tfjs's cpu Mean transposes in JS.
        const [bsz, h, w, c] = a.shape;
        const average = tf.fill([1, 1, h * w], 1 / (h * w)) as tf.Tensor3D;
        return tf.reshape(tf.matMul(average, tf.reshape(a, [bsz, h * w, c]) as tf.Tensor3D), [bsz, 1, 1, c]);
      }
      case 'paddings':
        return this.pad(a, n, 0);
      case '<oov>':
      case '<reserved-1>':
      case '<reserved-2>':
      case '<reserved-3>':
        throw new ZeroCostError(`ensemble.CgNetwork: node ${n.id} has op ${n.op}, which has no tfjs implementation`);
      default: {
        const never: never = n.op;
        throw new ZeroCostError(`ensemble.CgNetwork: unknown op ${String(never)}`);
      }
    }
  }

  private pad(a: tf.Tensor4D, n: CgNode, value: number): tf.Tensor4D {
    if (!hasPads(n)) return a;
    const [t, l, b, r] = n.pads!;
    return tf.pad(
      a,
      [
        [0, 0],
        [t, b],
        [l, r],
        [0, 0],
      ],
      value,
    );
  }

  dispose(): void {
    for (const w of this.weights) w.dispose();
  }
}

/** tfjs's explicit padding for a node's [top, left, bottom, right] pads (PyTorch semantics). */
function explicitPad(n: CgNode): 'valid' | [[0, 0], [number, number], [number, number], [0, 0]] {
  if (!hasPads(n)) return 'valid';
  const [t, l, b, r] = n.pads!;
  return [
    [0, 0],
    [t, b],
    [l, r],
    [0, 0],
  ];
}

function hasPads(n: CgNode): boolean {
  return n.pads !== undefined && n.pads.some((p) => p !== 0);
}
