// A Computation Graph instantiated as a tfjs network with seeded Kaiming-normal weights, for the
// zero-cost proxies (Abdelfattah et al., ICLR 2021; NASLib predictors/pruners): NHWC, BatchNorm with
// batch statistics and identity affine (PyTorch's train mode at init), PyTorch padding semantics.
import type { CgNode, ComputationGraph } from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';
import { tf } from '@cgnas/native/tf';

import { avgPoolExcludePad } from './avg-pool-exclude-pad.js';
import { batchNormTrain } from './batch-norm-train.js';
import { gradTap } from './grad-tap.js';
import { reluOp } from './relu-op.js';
import { ZeroCostError } from './zero-cost-error.js';

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
  /** Called with each layer's output values (fisher's activations). */
  readonly onLayerOutput?: (layer: number, output: Float32Array) => void;
  /** Called in backpropagation with ∂L/∂(layer output) (fisher); only when given. */
  readonly onLayerGrad?: (layer: number, grad: Float32Array) => void;
  /** Called with the input values of each ReLU/ReLU6 (NASWOT's binary codes). */
  readonly onReluInput?: (node: number, input: Float32Array) => void;
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

/** Seeded instance of a CG as a tfjs network. Holds tensors: call dispose(). */
export class CgNetwork {
  readonly layers: readonly CgLayer[];
  readonly weights: readonly tf.Tensor[];
  readonly inputShape: readonly [number, number, number];
  readonly classes: number;
  /** True when rescaled synflow is exact (every op positively homogeneous of degree 1). */
  readonly homogeneous: boolean;
  private readonly layerOf = new Map<number, number>();
  private readonly preds: number[][];
  private readonly cutNodes: ReadonlySet<number>;

  constructor(
    readonly graph: ComputationGraph,
    seed: number,
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
      // Kaiming normal, fan_in, ReLU gain (He et al. 2015): std = sqrt(2 / fan_in).
      const std = Math.sqrt(2 / fanIn);
      const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
      for (let i = 0; i < values.length; i++) values[i] = rng.normal() * std;
      this.layerOf.set(n.id, layers.length);
      layers.push({ node: n.id, kind: n.op as CgLayer['kind'], shape });
      weights.push(tf.tensor(values, shape));
    }
    this.layers = layers;
    this.weights = weights;
  }

  /** Runs the network on x [B, H, W, C]. Call inside tf.tidy (or a gradient function). */
  forward(x: tf.Tensor4D, options: CgForwardOptions): CgForwardResult {
    const nodes = this.graph.nodes;
    const weights = options.weights ?? this.weights;
    const values: (tf.Tensor | null)[] = nodes.map(() => null);
    const remaining = nodes.map(() => 0);
    for (const [s] of this.graph.edges) remaining[s]!++;
    let logScale = 0;
    let result: tf.Tensor | null = null;
    for (const n of nodes) {
      const ins = this.preds[n.id]!.map((p) => values[p]!);
      let y = this.apply(n, ins, x, weights, options);
      const layer = this.layerOf.get(n.id);
      if (layer !== undefined) {
        const onGrad = options.onLayerGrad;
        if (onGrad) y = gradTap(y, (g) => onGrad(layer, g));
        options.onLayerOutput?.(layer, y.dataSync() as Float32Array);
      }
      if (options.rescale && this.cutNodes.has(n.id)) {
        const max = tf.max(y).dataSync()[0]!;
        if (max > 0 && Number.isFinite(max)) {
          y = tf.mul(y, 1 / max);
          logScale -= Math.log(max);
        }
      }
      values[n.id] = y;
      if (n.op === 'output') result = y;
    }
    const logits = tf.reshape(result!, [x.shape[0], this.classes]) as tf.Tensor2D;
    return { logits, logScale };
  }

  private apply(
    n: CgNode,
    ins: readonly tf.Tensor[],
    x: tf.Tensor4D,
    weights: readonly tf.Tensor[],
    options: CgForwardOptions,
  ): tf.Tensor {
    const a = ins[0] as tf.Tensor4D;
    switch (n.op) {
      case 'input':
        return x;
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
        return reluOp(a, hook ? (v) => hook(n.id, v) : undefined);
      }
      case 'relu6':
        options.onReluInput?.(n.id, a.dataSync() as Float32Array);
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
      case 'zero':
        return tf.zerosLike(a);
      case 'add':
        return ins.slice(1).reduce<tf.Tensor>((s, t) => tf.add(s, t), a);
      case 'mul':
        return ins.slice(1).reduce<tf.Tensor>((s, t) => tf.mul(s, t), a);
      case 'concat':
        return ins.length === 1 ? a : tf.concat(ins as tf.Tensor4D[], 3);
      case 'maxpool': {
        return tf.maxPool(a, n.kh ?? 1, n.stride ?? 1, explicitPad(n));
      }
      case 'avgpool': {
        // PyTorch count_include_pad=False, NAS-Bench-201's pooling.
        return avgPoolExcludePad(a, n.kh ?? 1, n.stride ?? 1, n.pads ?? [0, 0, 0, 0]);
      }
      case 'global':
      case 'mean':
        return tf.mean(a, [1, 2], true);
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
