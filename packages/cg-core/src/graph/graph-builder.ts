// Builds a Computation Graph op by op with shape inference, so family builders and importers
// describe networks the way their papers do (conv → BN → ReLU ...) and get shapes for free.
import type { CgMeta, CgNode, ComputationGraph, Pads } from './computation-graph.js';
import { GraphBuildError } from './graph-errors.js';
import type { OpType } from './op-types.js';
import { validateGraph } from './validate-graph.js';

export interface ConvSpec {
  readonly outC: number;
  /** Square kernel size, or use kh/kw. */
  readonly k?: number;
  readonly kh?: number;
  readonly kw?: number;
  readonly stride?: number;
  /** 'same' (default): floor(dilation*(k-1)/2) on every side; or explicit [top, left, bottom, right]. */
  readonly pads?: Pads | 'same' | 'valid';
  readonly groups?: number;
  readonly dilation?: number;
  readonly bias?: boolean;
  readonly label?: string;
}

export interface PoolSpec {
  readonly k: number;
  readonly stride?: number;
  readonly pads?: Pads | 'same' | 'valid';
  readonly label?: string;
}

type Shape = { h: number; w: number; c: number };

function resolvePads(pads: ConvSpec['pads'], kh: number, kw: number, dilation: number): Pads {
  if (pads === undefined || pads === 'same') {
    const ph = Math.floor((dilation * (kh - 1)) / 2);
    const pw = Math.floor((dilation * (kw - 1)) / 2);
    return [ph, pw, ph, pw];
  }
  if (pads === 'valid') return [0, 0, 0, 0];
  return pads;
}

/** Output size of a sliding window (PyTorch/ONNX floor rule). */
export function windowOut(
  size: number,
  k: number,
  stride: number,
  padBefore: number,
  padAfter: number,
  dilation = 1,
): number {
  return Math.floor((size + padBefore + padAfter - dilation * (k - 1) - 1) / stride) + 1;
}

export class GraphBuilder {
  private readonly nodes: CgNode[] = [];
  private readonly edges: Array<[number, number]> = [];
  private outputs = 0;

  constructor(private readonly meta: CgMeta = {}) {}

  /** Number of nodes added so far. */
  get size(): number {
    return this.nodes.length;
  }

  shape(id: number): Shape {
    const n = this.nodes[id];
    if (!n)
      throw new GraphBuildError(
        `cg-core.GraphBuilder: unknown node id ${id} (the graph has ${this.nodes.length} nodes)`,
      );
    return { h: n.outH, w: n.outW, c: n.outC };
  }

  private push(op: OpType, inputs: readonly number[], inShape: Shape, out: Shape, extra: Partial<CgNode> = {}): number {
    for (const i of inputs) this.shape(i);
    for (const [name, v] of [
      ['height', out.h],
      ['width', out.w],
      ['channels', out.c],
    ] as const) {
      if (!Number.isInteger(v) || v < 1) {
        throw new GraphBuildError(
          `cg-core.GraphBuilder.${op}: the output ${name} would be ${v} (node ${this.nodes.length}); the input is too small for this kernel/stride`,
        );
      }
    }
    const id = this.nodes.length;
    this.nodes.push({
      id,
      op,
      inH: inShape.h,
      inW: inShape.w,
      inC: inShape.c,
      outH: out.h,
      outW: out.w,
      outC: out.c,
      ...extra,
    });
    for (const i of inputs) this.edges.push([i, id]);
    return id;
  }

  input(h: number, w: number, c: number, label?: string): number {
    for (const [name, v] of [
      ['h', h],
      ['w', w],
      ['c', c],
    ] as const) {
      if (!Number.isInteger(v) || v < 1) {
        throw new GraphBuildError(
          `cg-core.GraphBuilder.input: Expected a positive integer for ${name} but received ${v}`,
        );
      }
    }
    return this.push('input', [], { h, w, c }, { h, w, c }, label ? { label } : {});
  }

  output(x: number): number {
    this.outputs++;
    const s = this.shape(x);
    return this.push('output', [x], s, s);
  }

  /** A convolution; groups === inC === outC makes it a depthwise op. */
  conv(x: number, spec: ConvSpec): number {
    const s = this.shape(x);
    const kh = spec.kh ?? spec.k ?? 1;
    const kw = spec.kw ?? spec.k ?? 1;
    const stride = spec.stride ?? 1;
    const dilation = spec.dilation ?? 1;
    const groups = spec.groups ?? 1;
    for (const [name, v] of [
      ['outC', spec.outC],
      ['kh', kh],
      ['kw', kw],
      ['stride', stride],
      ['dilation', dilation],
      ['groups', groups],
    ] as const) {
      if (!Number.isInteger(v) || v < 1) {
        throw new GraphBuildError(
          `cg-core.GraphBuilder.conv: Expected a positive integer for ${name} but received ${v}`,
        );
      }
    }
    if (s.c % groups !== 0 || spec.outC % groups !== 0) {
      throw new GraphBuildError(
        `cg-core.GraphBuilder.conv: channels in=${s.c}, out=${spec.outC} are not divisible by groups=${groups}`,
      );
    }
    const pads = resolvePads(spec.pads, kh, kw, dilation);
    const out = {
      h: windowOut(s.h, kh, stride, pads[0], pads[2], dilation),
      w: windowOut(s.w, kw, stride, pads[1], pads[3], dilation),
      c: spec.outC,
    };
    const depthwise = groups > 1 && groups === s.c && groups === spec.outC;
    return this.push(depthwise ? 'depthwise' : 'conv', [x], s, out, {
      kh,
      kw,
      stride,
      pads,
      groups,
      dilation,
      bias: spec.bias ?? false,
      ...(spec.label ? { label: spec.label } : {}),
    });
  }

  private pool(op: 'maxpool' | 'avgpool', x: number, spec: PoolSpec): number {
    const s = this.shape(x);
    const stride = spec.stride ?? 1;
    const pads = resolvePads(spec.pads, spec.k, spec.k, 1);
    const out = {
      h: windowOut(s.h, spec.k, stride, pads[0], pads[2]),
      w: windowOut(s.w, spec.k, stride, pads[1], pads[3]),
      c: s.c,
    };
    return this.push(op, [x], s, out, {
      kh: spec.k,
      kw: spec.k,
      stride,
      pads,
      ...(spec.label ? { label: spec.label } : {}),
    });
  }

  maxpool(x: number, spec: PoolSpec): number {
    return this.pool('maxpool', x, spec);
  }

  avgpool(x: number, spec: PoolSpec): number {
    return this.pool('avgpool', x, spec);
  }

  /** An op that keeps the shape: batchnorm, activations, identity, zero. */
  unary(
    op:
      | 'batchnorm'
      | 'relu'
      | 'relu6'
      | 'sigmoid'
      | 'tanh'
      | 'swish'
      | 'gelu'
      | 'hswish'
      | 'hsigmoid'
      | 'identity'
      | 'zero'
      | '<oov>',
    x: number,
    label?: string,
  ): number {
    const s = this.shape(x);
    return this.push(op, [x], s, s, label ? { label } : {});
  }

  batchnorm(x: number): number {
    return this.unary('batchnorm', x);
  }

  relu(x: number): number {
    return this.unary('relu', x);
  }

  /** Global average pooling to 1 x 1 x C (`global`), or a spatial mean (`mean`, e.g. inside SE blocks). */
  globalPool(x: number, op: 'global' | 'mean' = 'global'): number {
    const s = this.shape(x);
    return this.push(op, [x], s, { h: 1, w: 1, c: s.c });
  }

  /** Explicit zero padding. */
  paddings(x: number, pads: Pads): number {
    const s = this.shape(x);
    return this.push('paddings', [x], s, { h: s.h + pads[0] + pads[2], w: s.w + pads[1] + pads[3], c: s.c }, { pads });
  }

  /** Fully connected layer on the flattened input (H*W*C features) to 1 x 1 x outC. */
  matmul(x: number, outC: number, bias = true, label?: string): number {
    if (!Number.isInteger(outC) || outC < 1) {
      throw new GraphBuildError(
        `cg-core.GraphBuilder.matmul: Expected a positive integer for outC but received ${outC}`,
      );
    }
    const s = this.shape(x);
    return this.push('matmul', [x], s, { h: 1, w: 1, c: outC }, { bias, ...(label ? { label } : {}) });
  }

  /** Element-wise sum or product; a 1 x 1 x C input broadcasts over H x W (SE blocks). */
  combine(op: 'add' | 'mul', inputs: readonly number[]): number {
    if (inputs.length < 2) {
      throw new GraphBuildError(`cg-core.GraphBuilder.${op}: Expected at least 2 inputs but received ${inputs.length}`);
    }
    const shapes = inputs.map((i) => this.shape(i));
    const big = shapes.reduce((a, b) => (b.h * b.w > a.h * a.w ? b : a));
    for (const [k, s] of shapes.entries()) {
      const broadcast = s.h === 1 && s.w === 1 && s.c === big.c;
      if (!broadcast && (s.h !== big.h || s.w !== big.w || s.c !== big.c)) {
        throw new GraphBuildError(
          `cg-core.GraphBuilder.${op}: input ${k} (node ${inputs[k]}) has shape ${s.h}x${s.w}x${s.c} but ${big.h}x${big.w}x${big.c} was expected`,
        );
      }
    }
    return this.push(op, inputs, big, big);
  }

  add(inputs: readonly number[]): number {
    return this.combine('add', inputs);
  }

  mul(inputs: readonly number[]): number {
    return this.combine('mul', inputs);
  }

  /** Channel concatenation; a single input passes through as identity. */
  concat(inputs: readonly number[]): number {
    if (inputs.length === 0)
      throw new GraphBuildError('cg-core.GraphBuilder.concat: Expected at least 1 input but received 0');
    const shapes = inputs.map((i) => this.shape(i));
    const first = shapes[0]!;
    for (const [k, s] of shapes.entries()) {
      if (s.h !== first.h || s.w !== first.w) {
        throw new GraphBuildError(
          `cg-core.GraphBuilder.concat: input ${k} (node ${inputs[k]}) is ${s.h}x${s.w} but input 0 is ${first.h}x${first.w}`,
        );
      }
    }
    const c = shapes.reduce((sum, s) => sum + s.c, 0);
    return this.push('concat', inputs, { h: first.h, w: first.w, c }, { h: first.h, w: first.w, c });
  }

  /** Finishes the graph: needs at least one output; validates everything. */
  build(): ComputationGraph {
    if (this.outputs === 0)
      throw new GraphBuildError('cg-core.GraphBuilder.build: the graph has no output node; call output(x)');
    const edges = [...this.edges].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    const graph: ComputationGraph = { nodes: this.nodes.slice(), edges, meta: { ...this.meta } };
    validateGraph(graph);
    return graph;
  }
}
