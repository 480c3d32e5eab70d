// Executes a Computation Graph in TensorFlow.js (NHWC) with seeded random weights, so a CG can be timed
// in tfjs as well as in onnxruntime. Semantics follow cg-core's ONNX export op for op (explicit pads,
// grouped convs, BN in inference mode); only the work matters for timing, not the trained values.
import type { CgNode, ComputationGraph } from '@cgnas/cg-core';
import { predecessors, successors, validateGraph } from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';
import { tf } from '@cgnas/native/tf';

import { MeasurementError } from '../errors.js';

type Tensor = ReturnType<typeof tf.tensor>;
type Tensor4D = ReturnType<typeof tf.tensor4d>;
type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

/** A node's ONNX pads [top, left, bottom, right] as tfjs NHWC explicit padding ('valid' when all zero). */
function explicitPads(n: CgNode): ExplicitPadding | 'valid' {
  const p = n.pads ?? [0, 0, 0, 0];
  if (p.every((v) => v === 0)) return 'valid';
  return [
    [0, 0],
    [p[0], p[2]],
    [p[1], p[3]],
    [0, 0],
  ];
}

export class TfjsGraphRunner {
  // The graph's adjacency is worked out once here, not in every timed run (as a converted tfjs model
  // plans its execution order once): only the network's kernels are timed.
  private readonly preds: number[][];
  private readonly succ: number[][];

  private constructor(
    private readonly graph: ComputationGraph,
    private readonly weights: Map<string, Tensor>,
  ) {
    this.preds = predecessors(graph);
    this.succ = successors(graph);
  }

  static create(graph: ComputationGraph, seed = 0): TfjsGraphRunner {
    validateGraph(graph);
    const rng = new Rng(seed);
    const weights = new Map<string, Tensor>();
    const rand = (shape: number[], scale: number, offset = 0): Tensor =>
      tf.tensor(
        Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => offset + scale * rng.normal()),
        shape,
      );
    for (const n of graph.nodes) {
      switch (n.op) {
        case 'conv':
        case 'depthwise': {
          const g = n.groups ?? 1;
          const kh = n.kh ?? 1;
          const kw = n.kw ?? 1;
          const fan = Math.sqrt(2 / Math.max(1, (kh * kw * n.inC) / g));
          if (g === 1) weights.set(`${n.id}.w`, rand([kh, kw, n.inC, n.outC], fan));
          else if (g === n.inC && n.outC % n.inC === 0)
            weights.set(`${n.id}.w`, rand([kh, kw, n.inC, n.outC / n.inC], fan));
          else for (let k = 0; k < g; k++) weights.set(`${n.id}.w${k}`, rand([kh, kw, n.inC / g, n.outC / g], fan));
          if (n.bias) weights.set(`${n.id}.b`, rand([n.outC], 0.01));
          break;
        }
        case 'batchnorm':
          weights.set(`${n.id}.scale`, rand([n.outC], 0.1, 1));
          weights.set(`${n.id}.bias`, rand([n.outC], 0.1));
          weights.set(`${n.id}.mean`, rand([n.outC], 0.1));
          weights.set(`${n.id}.var`, tf.tensor(Float32Array.from({ length: n.outC }, () => 1 + 0.1 * rng.float())));
          break;
        case 'matmul': {
          const inF = n.inH * n.inW * n.inC;
          weights.set(`${n.id}.w`, rand([inF, n.outC], Math.sqrt(2 / inF)));
          if (n.bias) weights.set(`${n.id}.b`, rand([n.outC], 0));
          break;
        }
        default:
          break;
      }
    }
    return new TfjsGraphRunner(graph, weights);
  }

  /** NHWC input shape for a batch. */
  inputShape(batch: number): [number, number, number, number] {
    const inp = this.graph.nodes.find((n) => n.op === 'input');
    if (!inp) throw new MeasurementError('hw-profiler.TfjsGraphRunner: the graph has no input node');
    return [batch, inp.outH, inp.outW, inp.outC];
  }

  /** Runs the graph; returns the first output (the caller disposes it). */
  run(input: Tensor4D): Tensor {
    return tf.tidy(() => {
      const g = this.graph;
      const preds = this.preds;
      const succ = this.succ;
      const out: Tensor[] = [];
      let result: Tensor | null = null;
      const w = (k: string): Tensor => this.weights.get(k)!;
      for (const n of g.nodes) {
        const ins = preds[n.id]!.map((p) => out[p]!);
        const x = ins[0] as Tensor4D;
        // Convs and pools take their pads as tfjs explicit padding: a separate tf.pad (PadV2) costs more
        // than the convolution in tfjs-cpu (it builds an index array per element), and pools then skip
        // the pads as ONNX's MaxPool and AveragePool(count_include_pad=0) do.
        const pads = explicitPads(n);
        const s = n.stride ?? 1;
        let y: Tensor;
        switch (n.op) {
          case 'input':
            y = input;
            break;
          case 'output':
            y = x;
            result ??= x;
            break;
          case 'conv':
          case 'depthwise': {
            const grp = n.groups ?? 1;
            const d = n.dilation ?? 1;
            if (grp === 1) y = tf.conv2d(x, w(`${n.id}.w`) as Tensor4D, s, pads, 'NHWC', d);
            else if (grp === n.inC && n.outC % n.inC === 0)
              y = tf.depthwiseConv2d(x, w(`${n.id}.w`) as Tensor4D, s, pads, 'NHWC', d);
            else {
              const parts = tf
                .split(x, grp, 3)
                .map((part, k) => tf.conv2d(part as Tensor4D, w(`${n.id}.w${k}`) as Tensor4D, s, pads, 'NHWC', d));
              y = tf.concat(parts, 3);
            }
            if (n.bias) y = tf.add(y, w(`${n.id}.b`));
            break;
          }
          case 'batchnorm':
            y = tf.batchNorm(x, w(`${n.id}.mean`), w(`${n.id}.var`), w(`${n.id}.bias`), w(`${n.id}.scale`), 1e-5);
            break;
          case 'matmul': {
            const f = tf.matMul(tf.reshape(x, [x.shape[0], -1]), w(`${n.id}.w`) as ReturnType<typeof tf.tensor2d>);
            const b = n.bias ? tf.add(f, w(`${n.id}.b`)) : f;
            y = succ[n.id]!.every((k) => g.nodes[k]!.op === 'output') ? b : tf.reshape(b, [x.shape[0], 1, 1, n.outC]);
            break;
          }
          case 'relu':
            y = tf.relu(x);
            break;
          case 'relu6':
            y = tf.relu6(x);
            break;
          case 'sigmoid':
            y = tf.sigmoid(x);
            break;
          case 'tanh':
            y = tf.tanh(x);
            break;
          case 'swish':
            y = tf.mul(x, tf.sigmoid(x));
            break;
          case 'gelu':
            y = tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
            break;
          case 'hswish':
            y = tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6));
            break;
          case 'hsigmoid':
            y = tf.div(tf.relu6(tf.add(x, 3)), 6);
            break;
          case 'identity':
            y = tf.clone(x);
            break;
          case 'zero':
            y = tf.mul(x, 0);
            break;
          case 'add':
            y = ins.length === 1 ? x : tf.addN(ins);
            break;
          case 'mul':
            y = ins.slice(1).reduce((a, b) => tf.mul(a, b), x as Tensor);
            break;
          case 'concat':
            y = tf.concat(ins, 3);
            break;
          case 'maxpool':
            y = tf.maxPool(x, [n.kh ?? 1, n.kw ?? 1], s, pads);
            break;
          case 'avgpool':
            y = tf.avgPool(x, [n.kh ?? 1, n.kw ?? 1], s, pads);
            break;
          case 'global':
          case 'mean':
            y = tf.mean(x, [1, 2], true);
            break;
          case 'paddings':
            y = pads === 'valid' ? x : tf.pad(x, pads);
            break;
          case '<oov>':
          case '<reserved-1>':
          case '<reserved-2>':
          case '<reserved-3>':
            throw new MeasurementError(
              `hw-profiler.TfjsGraphRunner.run: node ${n.id} has op ${n.op} (${n.label ?? 'no label'}), which cannot be executed; use --runtime ort`,
            );
          default: {
            const never: never = n.op;
            throw new MeasurementError(`hw-profiler.TfjsGraphRunner.run: unhandled op ${String(never)}`);
          }
        }
        out[n.id] = y;
      }
      if (!result) throw new MeasurementError('hw-profiler.TfjsGraphRunner.run: the graph has no output node');
      return result;
    });
  }

  /**
   * This runner's weights in cg-core's ONNX layout (OIHW convs, [out, in] FC), for `exportOnnx({ weights })`:
   * the same network then runs in both runtimes, which is how the specs check one against the other.
   */
  onnxWeights(): (node: CgNode, role: string, dims: readonly number[]) => Float32Array | null {
    return (node, role) => {
      const n = node;
      const get = (k: string): Float32Array | null => {
        const t = this.weights.get(k);
        return t ? Float32Array.from(t.dataSync()) : null;
      };
      if ((n.op === 'conv' || n.op === 'depthwise') && role === 'weight') {
        const g = n.groups ?? 1;
        const kh = n.kh ?? 1;
        const kw = n.kw ?? 1;
        const ci = n.inC / g;
        const co = n.outC / g;
        const out = new Float32Array(n.outC * ci * kh * kw);
        const single = g === 1 ? get(`${n.id}.w`) : g === n.inC && n.outC % n.inC === 0 ? get(`${n.id}.w`) : null;
        for (let o = 0; o < n.outC; o++) {
          const grp = Math.floor(o / co);
          const j = o % co;
          const src = single ?? get(`${n.id}.w${grp}`)!;
          for (let c = 0; c < ci; c++) {
            for (let y = 0; y < kh; y++) {
              for (let x = 0; x < kw; x++) {
                // tfjs conv2d: [kh, kw, in, out]; depthwise: [kh, kw, inC, multiplier] with o = c·mult + m.
                const v =
                  g === 1
                    ? src[((y * kw + x) * n.inC + c) * n.outC + o]!
                    : single
                      ? src[((y * kw + x) * n.inC + grp) * co + j]!
                      : src[((y * kw + x) * ci + c) * co + j]!;
                out[((o * ci + c) * kh + y) * kw + x] = v;
              }
            }
          }
        }
        return out;
      }
      if ((n.op === 'conv' || n.op === 'depthwise' || n.op === 'matmul') && role === 'bias') return get(`${n.id}.b`);
      if (n.op === 'batchnorm') return get(`${n.id}.${role}`);
      if (n.op === 'matmul' && role === 'weight') {
        const w = get(`${n.id}.w`)!;
        const inF = w.length / n.outC;
        const out = new Float32Array(w.length);
        for (let i = 0; i < inF; i++) for (let o = 0; o < n.outC; o++) out[o * inF + i] = w[i * n.outC + o]!;
        return out;
      }
      return null;
    };
  }

  dispose(): void {
    for (const t of this.weights.values()) t.dispose();
    this.weights.clear();
  }
}
