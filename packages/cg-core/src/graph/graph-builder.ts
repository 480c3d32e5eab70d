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

export interface GraphBuilderOptions {
  /** Run validateGraph in build() (default true). */
  readonly validate?: boolean;
}

const GRAPH_BUILDER_DEFAULTS: Required<GraphBuilderOptions> = { validate: true };

function isPositiveInt(v: number): boolean {
  return Number.isInteger(v) && v >= 1;
}

/** Optional node attributes, always created by makeAttrs so every instance has the same hidden class. */
interface NodeAttrs {
  readonly kh: number | undefined;
  readonly kw: number | undefined;
  readonly stride: number | undefined;
  readonly pads: Pads | undefined;
  readonly groups: number | undefined;
  readonly dilation: number | undefined;
  readonly bias: boolean | undefined;
  readonly affine: boolean | undefined;
  readonly label: string | undefined;
}

function makeAttrs(
  kh?: number,
  kw?: number,
  stride?: number,
  pads?: Pads,
  groups?: number,
  dilation?: number,
  bias?: boolean,
  affine?: boolean,
  label?: string,
): NodeAttrs {
  return { kh, kw, stride, pads, groups, dilation, bias, affine, label };
}

const NO_ATTRS: NodeAttrs = makeAttrs();
const NON_AFFINE: NodeAttrs = makeAttrs(
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  undefined,
  false,
);

function labelAttrs(label: string | undefined): NodeAttrs {
  return label
    ? makeAttrs(undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, label)
    : NO_ATTRS;
}

type Shape = { h: number; w: number; c: number };

const VALID_PADS: Pads = Object.freeze([0, 0, 0, 0] as const);
/** Shared frozen 'same' paddings for small kernels: nodes only read their pads. */
const SAME_PADS = new Map<number, Pads>();

function resolvePads(pads: ConvSpec['pads'], kh: number, kw: number, dilation: number): Pads {
  if (pads === undefined || pads === 'same') {
    const ph = Math.floor((dilation * (kh - 1)) / 2);
    const pw = Math.floor((dilation * (kw - 1)) / 2);
    if (ph > 63 || pw > 63) return [ph, pw, ph, pw];
    const key = ph * 64 + pw;
    let cached = SAME_PADS.get(key);
    if (cached === undefined) {
      cached = Object.freeze([ph, pw, ph, pw] as const);
      SAME_PADS.set(key, cached);
    }
    return cached;
  }
  if (pads === 'valid') return VALID_PADS;
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
  /** Output shape of every node, kept so shape() allocates nothing on the hot path. */
  private readonly shapes: Readonly<Shape>[] = [];
  private outputs = 0;

  private readonly validate: boolean;

  /**
   * `options.validate` (default true) runs validateGraph in build(); family builders that are correct by
   * construction (and validated in their specs) turn it off on their hot path.
   */
  constructor(
    private readonly meta: CgMeta = {},
    options: GraphBuilderOptions = {},
  ) {
    this.validate = options.validate ?? GRAPH_BUILDER_DEFAULTS.validate;
  }

  /** Number of nodes added so far. */
  get size(): number {
    return this.nodes.length;
  }

  /** Output shape of node `id` (shared, do not mutate). */
  shape(id: number): Readonly<Shape> {
    const s = this.shapes[id];
    if (s === undefined)
      throw new GraphBuildError(
        `cg-core.GraphBuilder: unknown node id ${id} (the graph has ${this.nodes.length} nodes)`,
      );
    return s;
  }

  /** Appends a node; `inputs` is one node id or a list (a bare id saves an array on the hot path). */
  private push(
    op: OpType,
    inputs: number | readonly number[],
    inShape: Readonly<Shape>,
    out: Readonly<Shape>,
    a: NodeAttrs = NO_ATTRS,
  ): number {
    const id = this.nodes.length;
    const count = typeof inputs === 'number' ? 1 : inputs.length;
    for (let k = 0; k < count; k++) {
      const i = typeof inputs === 'number' ? inputs : inputs[k]!;
      if (!(i >= 0 && i < id && Number.isInteger(i))) this.shape(i); // throws the unknown-id error
    }
    if (!(isPositiveInt(out.h) && isPositiveInt(out.w) && isPositiveInt(out.c))) {
      const name = !isPositiveInt(out.h) ? 'height' : !isPositiveInt(out.w) ? 'width' : 'channels';
      const v = name === 'height' ? out.h : name === 'width' ? out.w : out.c;
      throw new GraphBuildError(
        `cg-core.GraphBuilder.${op}: the output ${name} would be ${v} (node ${id}); the input is too small for this kernel/stride`,
      );
    }
    // Every node gets the same fields in the same order (absent ones undefined): one hidden class, so the
    // readers of thousands of graphs per second (cost, features, hashing) stay monomorphic.
    const node: CgNode = {
      id,
      op,
      inH: inShape.h,
      inW: inShape.w,
      inC: inShape.c,
      outH: out.h,
      outW: out.w,
      outC: out.c,
      kh: a.kh,
      kw: a.kw,
      stride: a.stride,
      pads: a.pads,
      groups: a.groups,
      dilation: a.dilation,
      bias: a.bias,
      affine: a.affine,
      label: a.label,
    };
    this.nodes.push(node);
    this.shapes.push(out);
    // Edges stay sorted by (dst, src): dst is the newest node, so only this node's sources need ordering.
    const first = this.edges.length;
    for (let k = 0; k < count; k++) {
      const src = typeof inputs === 'number' ? inputs : inputs[k]!;
      const edge: [number, number] = [src, id];
      let j = this.edges.length;
      this.edges.push(edge);
      while (j > first && this.edges[j - 1]![0] >= src) {
        if (this.edges[j - 1]![0] === src) {
          this.edges.length = first;
          this.nodes.pop();
          this.shapes.pop();
          throw new GraphBuildError(
            `cg-core.GraphBuilder.${op}: node ${src} is given twice as an input; insert an identity node for the second use`,
          );
        }
        this.edges[j] = this.edges[j - 1]!;
        j--;
      }
      this.edges[j] = edge;
    }
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
    const shape = { h, w, c };
    return this.push('input', [], shape, shape, labelAttrs(label));
  }

  output(x: number): number {
    this.outputs++;
    const s = this.shape(x);
    return this.push('output', x, s, s);
  }

  /** A convolution; groups === inC === outC makes it a depthwise op. */
  conv(x: number, spec: ConvSpec): number {
    const s = this.shape(x);
    const kh = spec.kh ?? spec.k ?? 1;
    const kw = spec.kw ?? spec.k ?? 1;
    const stride = spec.stride ?? 1;
    const dilation = spec.dilation ?? 1;
    const groups = spec.groups ?? 1;
    if (!(
      isPositiveInt(spec.outC) &&
      isPositiveInt(kh) &&
      isPositiveInt(kw) &&
      isPositiveInt(stride) &&
      isPositiveInt(dilation) &&
      isPositiveInt(groups)
    )) {
      const [name, v] = (
        [
          ['outC', spec.outC],
          ['kh', kh],
          ['kw', kw],
          ['stride', stride],
          ['dilation', dilation],
          ['groups', groups],
        ] as const
      ).find(([, x]) => !isPositiveInt(x))!;
      throw new GraphBuildError(`cg-core.GraphBuilder.conv: Expected a positive integer for ${name} but received ${v}`);
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
    return this.push(
      depthwise ? 'depthwise' : 'conv',
      x,
      s,
      out,
      makeAttrs(kh, kw, stride, pads, groups, dilation, spec.bias ?? false, undefined, spec.label || undefined),
    );
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
    return this.push(
      op,
      x,
      s,
      out,
      makeAttrs(spec.k, spec.k, stride, pads, undefined, undefined, undefined, undefined, spec.label || undefined),
    );
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
    return this.push(op, x, s, s, labelAttrs(label));
  }

  /** Batch normalisation; `affine: false` has no learnable scale/shift (0 parameters). */
  batchnorm(x: number, affine = true): number {
    if (affine) return this.unary('batchnorm', x);
    const s = this.shape(x);
    return this.push('batchnorm', x, s, s, NON_AFFINE);
  }

  relu(x: number): number {
    return this.unary('relu', x);
  }

  /** Global average pooling to 1 x 1 x C (`global`), or a spatial mean (`mean`, e.g. inside SE blocks). */
  globalPool(x: number, op: 'global' | 'mean' = 'global'): number {
    const s = this.shape(x);
    return this.push(op, x, s, { h: 1, w: 1, c: s.c });
  }

  /**
   * An operator outside the vocabulary (`<oov>`, e.g. an unmapped ONNX op): any number of inputs and the
   * output shape as observed; `label` names the original op.
   */
  opaque(inputs: readonly number[], out: { h: number; w: number; c: number }, label: string): number {
    if (inputs.length === 0)
      throw new GraphBuildError('cg-core.GraphBuilder.opaque: Expected at least 1 input but received 0');
    const s = this.shape(inputs[0]!);
    return this.push('<oov>', inputs, s, out, labelAttrs(label));
  }

  /** Explicit zero padding. */
  paddings(x: number, pads: Pads): number {
    const s = this.shape(x);
    return this.push(
      'paddings',
      x,
      s,
      { h: s.h + pads[0] + pads[2], w: s.w + pads[1] + pads[3], c: s.c },
      makeAttrs(undefined, undefined, undefined, pads),
    );
  }

  /** Fully connected layer on the flattened input (H*W*C features) to 1 x 1 x outC. */
  matmul(x: number, outC: number, bias = true, label?: string): number {
    if (!Number.isInteger(outC) || outC < 1) {
      throw new GraphBuildError(
        `cg-core.GraphBuilder.matmul: Expected a positive integer for outC but received ${outC}`,
      );
    }
    const s = this.shape(x);
    return this.push(
      'matmul',
      x,
      s,
      { h: 1, w: 1, c: outC },
      makeAttrs(undefined, undefined, undefined, undefined, undefined, undefined, bias, undefined, label || undefined),
    );
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
    const graph: ComputationGraph = {
      nodes: this.nodes.slice(),
      edges: this.edges.slice(),
      meta: { ...this.meta },
    };
    if (this.validate) validateGraph(graph);
    return graph;
  }
}
