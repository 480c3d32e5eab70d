// ONNX → Computation Graph: maps each live ONNX node (NCHW) to one CG op of the GENNAPE vocabulary
// (Mills et al. 2023), folds layout-only ops (Flatten, Reshape, Squeeze, Dropout), and turns any other op
// into `<oov>` labelled with its op type — reported in `unmappedOps`, never dropped.
import type { ComputationGraph, Pads } from '../graph/computation-graph.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import { GraphBuildError, GraphValidationError } from '../graph/graph-errors.js';
import { decodeOnnxModel } from './decode-onnx-model.js';
import { OnnxImportError } from './onnx-errors.js';
import type { OnnxAttribute, OnnxGraph, OnnxNode, OnnxTensor, OnnxValueInfo } from './onnx-schema.js';
import { onnxTensorValues } from './onnx-tensor-values.js';

export interface OnnxImportOptions {
  /** Input H, W, C to use when the model's input has symbolic dimensions (null: take them from the file). */
  readonly inputShape: { readonly h: number; readonly w: number; readonly c: number } | null;
  /** Family written to meta.family when the file carries none. */
  readonly family: string;
}

export const ONNX_IMPORT_DEFAULTS: OnnxImportOptions = { inputShape: null, family: 'onnx' };

export interface UnmappedOnnxOp {
  readonly opType: string;
  readonly nodeName: string;
  /** Id of the `<oov>` CG node that stands for it. */
  readonly cgNode: number;
}

export interface OnnxImportResult {
  readonly graph: ComputationGraph;
  readonly unmappedOps: readonly UnmappedOnnxOp[];
  /** ONNX nodes that no graph output depends on (not part of the network's computation). */
  readonly deadNodes: number;
}

type Value = { kind: 'node'; id: number; rank: number } | { kind: 'const'; tensor: OnnxTensor | null };

const FOLDED = new Set(['Flatten', 'Reshape', 'Squeeze', 'Unsqueeze', 'Dropout']);
const CONST_PRODUCERS = new Set(['Shape', 'Size', 'ConstantOfShape', 'Range']);

function attr(node: OnnxNode, name: string): OnnxAttribute | undefined {
  return node.attribute?.find((a) => a.name === name);
}
function attrInts(node: OnnxNode, name: string): number[] | undefined {
  return attr(node, name)?.ints;
}
function attrInt(node: OnnxNode, name: string, dflt: number): number {
  return attr(node, name)?.i ?? dflt;
}
function attrString(node: OnnxNode, name: string): string {
  const s = attr(node, name)?.s;
  return s ? new TextDecoder().decode(s) : '';
}
function attrFloat(node: OnnxNode, name: string): number | undefined {
  return attr(node, name)?.f;
}

function describe(node: OnnxNode, index: number): string {
  return `node ${index} (${node.op_type ?? '?'} "${node.name ?? ''}")`;
}

/** ONNX [N, C, H, W] / [N, F] value info → CG H, W, C (null when unknown). */
function hwcOf(info: OnnxValueInfo | undefined): { h: number; w: number; c: number; rank: number } | null {
  const dims = info?.type?.tensor_type?.shape?.dim;
  if (!dims) return null;
  const v = dims.map((d) => d.dim_value ?? 0);
  if (v.length === 4 && v[1]! > 0 && v[2]! > 0 && v[3]! > 0) return { h: v[2]!, w: v[3]!, c: v[1]!, rank: 4 };
  if (v.length === 2 && v[1]! > 0) return { h: 1, w: 1, c: v[1]!, rank: 2 };
  return null;
}

/** Pads [top, left, bottom, right] of a 2-D window op from pads/auto_pad (ONNX Conv/Pool semantics). */
function windowPads(node: OnnxNode, inH: number, inW: number, k: [number, number], s: number, d: number): Pads {
  const auto = attrString(node, 'auto_pad');
  if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
    const total = (n: number, kk: number) => Math.max((Math.ceil(n / s) - 1) * s + (kk - 1) * d + 1 - n, 0);
    const th = total(inH, k[0]);
    const tw = total(inW, k[1]);
    const small = (t: number) => Math.floor(t / 2);
    return auto === 'SAME_UPPER'
      ? [small(th), small(tw), th - small(th), tw - small(tw)]
      : [th - small(th), tw - small(tw), small(th), small(tw)];
  }
  if (auto === 'VALID') return [0, 0, 0, 0];
  const p = attrInts(node, 'pads') ?? [0, 0, 0, 0];
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0)) {
    throw new OnnxImportError(
      `cg-core.importOnnx: ${node.op_type} "${node.name ?? ''}" has pads ${JSON.stringify(p)}; expected 4 non-negative 2-D pads`,
    );
  }
  return [p[0]!, p[1]!, p[2]!, p[3]!];
}

/** Parses ONNX bytes into a CG; throws OnnxImportError for corrupt or unsupported files. */
export function importOnnx(bytes: Uint8Array, options: Partial<OnnxImportOptions> = {}): OnnxImportResult {
  const opts = { ...ONNX_IMPORT_DEFAULTS, ...options };
  const model = decodeOnnxModel(bytes);
  const meta = new Map((model.metadata_props ?? []).map((p) => [p.key ?? '', p.value ?? '']));
  try {
    return convertGraph(model.graph!, opts, meta);
  } catch (e) {
    if (e instanceof GraphBuildError || e instanceof GraphValidationError) {
      throw new OnnxImportError(
        `cg-core.importOnnx: the model's shapes are inconsistent (${e.message}); check the file with onnx.checker and shape inference`,
      );
    }
    throw e;
  }
}

function convertGraph(g: OnnxGraph, opts: OnnxImportOptions, meta: Map<string, string>): OnnxImportResult {
  const nodes = g.node ?? [];
  const values = new Map<string, Value>();
  const valueInfo = new Map<string, OnnxValueInfo>();
  for (const vi of [...(g.value_info ?? []), ...(g.output ?? [])]) if (vi.name) valueInfo.set(vi.name, vi);
  for (const t of g.initializer ?? []) if (t.name) values.set(t.name, { kind: 'const', tensor: t });

  const b = new GraphBuilder({
    family: meta.get('cgnas.family') ?? opts.family,
    ...(meta.get('cgnas.arch') ? { arch: meta.get('cgnas.arch')! } : {}),
    // A file written by exportOnnx carries the CG's own name (or none); others use the ONNX graph name.
    ...(meta.has('cgnas.labels')
      ? meta.get('cgnas.name')
        ? { name: meta.get('cgnas.name')! }
        : {}
      : g.name
        ? { name: g.name }
        : {}),
  });

  const graphInputs = (g.input ?? []).filter((vi) => vi.name && !values.has(vi.name));
  if (graphInputs.length === 0) {
    throw new OnnxImportError(
      'cg-core.importOnnx: the graph has no input besides its initializers; export the model with an image input',
    );
  }
  for (const vi of graphInputs) {
    const shape = opts.inputShape ? { ...opts.inputShape, rank: 4 } : hwcOf(vi);
    if (!shape) {
      throw new OnnxImportError(
        `cg-core.importOnnx: input "${vi.name}" has shape ${JSON.stringify(vi.type?.tensor_type?.shape?.dim ?? null)}; expected [N, C, H, W] with fixed C, H, W — pass options.inputShape or export with a fixed input size`,
      );
    }
    values.set(vi.name!, { kind: 'node', id: b.input(shape.h, shape.w, shape.c, vi.name), rank: shape.rank });
  }

  // Live nodes: those some graph output depends on.
  const needed = new Set((g.output ?? []).map((o) => o.name ?? ''));
  const live = new Array<boolean>(nodes.length).fill(false);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    if ((n.output ?? []).some((o) => needed.has(o))) {
      live[i] = true;
      for (const inp of n.input ?? []) if (inp) needed.add(inp);
    }
  }
  const consumers = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    if (!live[i]) return;
    for (const inp of n.input ?? []) if (inp) consumers.set(inp, [...(consumers.get(inp) ?? []), i]);
  });
  const graphOutputNames = new Set((g.output ?? []).map((o) => o.name ?? ''));
  /** The single live consumer of a tensor that is not also a graph output, if any. */
  const soleConsumer = (name: string): number | null => {
    const c = consumers.get(name) ?? [];
    return c.length === 1 && !graphOutputNames.has(name) ? c[0]! : null;
  };

  const unmappedOps: UnmappedOnnxOp[] = [];
  const skip = new Set<number>();
  // Labels written by exportOnnx (CG node order) come back onto the same nodes.
  const labels = parseLabels(meta.get('cgnas.labels'));
  const pendingLabels = new Map<number, string>();

  for (let i = 0; i < nodes.length; i++) {
    if (!live[i] || skip.has(i)) continue;
    const node = nodes[i]!;
    const op = node.op_type ?? '';
    const ins = (node.input ?? []).map((name) => (name ? values.get(name) : undefined));
    const outs = node.output ?? [];
    if (outs.length === 0) continue;
    ins.forEach((v, k) => {
      const name = node.input![k];
      if (name && !v) {
        throw new OnnxImportError(
          `cg-core.importOnnx: ${describe(node, i)} reads "${name}", which no earlier node, input or initializer produces; the graph is not topologically sorted or is incomplete`,
        );
      }
    });
    const acts = ins.flatMap((v) => (v && v.kind === 'node' ? [v] : []));
    const setOut = (v: Value) => {
      for (const o of outs) if (o) values.set(o, v);
    };
    if (op === 'Constant') {
      setOut({ kind: 'const', tensor: attr(node, 'value')?.t ?? null });
      continue;
    }
    if (acts.length === 0 || CONST_PRODUCERS.has(op)) {
      setOut({ kind: 'const', tensor: null });
      continue;
    }
    const x = acts[0]!;
    const constAt = (k: number): OnnxTensor | null => {
      const v = ins[k];
      return v && v.kind === 'const' ? v.tensor : null;
    };
    const node4 = (id: number, rank = x.rank): Value => ({ kind: 'node', id, rank });
    const oov = (): number => {
      const info = hwcOf(valueInfo.get(outs[0]!));
      const s = b.shape(x.id);
      const id = b.opaque(
        acts.map((a) => a.id),
        info ?? s,
        op,
      );
      unmappedOps.push({ opType: op, nodeName: node.name ?? '', cgNode: id });
      return id;
    };
    let id: number;
    let rank = x.rank;
    const domain = node.domain ?? '';
    if (domain !== '' && domain !== 'ai.onnx') {
      setOut(node4(oov()));
      continue;
    }
    switch (op) {
      case 'Conv': {
        const w = constAt(1);
        const dims = w?.dims;
        if (!dims || dims.length !== 4) {
          throw new OnnxImportError(
            `cg-core.importOnnx: ${describe(node, i)} has no 4-D weight initializer; fold constants first (onnxsim) so conv weights are initializers`,
          );
        }
        const strides = attrInts(node, 'strides') ?? [1, 1];
        const dil = attrInts(node, 'dilations') ?? [1, 1];
        const kernel = attrInts(node, 'kernel_shape') ?? [dims[2]!, dims[3]!];
        if (strides[0] !== strides[1] || dil[0] !== dil[1] || kernel.length !== 2) {
          id = oov();
          break;
        }
        const s = b.shape(x.id);
        const pads = windowPads(node, s.h, s.w, [kernel[0]!, kernel[1]!], strides[0]!, dil[0]!);
        id = b.conv(x.id, {
          outC: dims[0]!,
          kh: kernel[0]!,
          kw: kernel[1]!,
          stride: strides[0]!,
          dilation: dil[0]!,
          groups: attrInt(node, 'group', 1),
          pads,
          bias: (node.input ?? []).length > 2 && !!node.input![2],
        });
        break;
      }
      case 'Gemm':
      case 'MatMul': {
        const w = constAt(1);
        const dims = w?.dims;
        if (!dims || dims.length !== 2) {
          id = oov();
          break;
        }
        const outC = op === 'Gemm' && attrInt(node, 'transB', 0) === 1 ? dims[0]! : dims[1]!;
        let bias = op === 'Gemm' && (node.input ?? []).length > 2 && !!node.input![2];
        // MatMul followed by a constant Add is a biased fully connected layer.
        const next = soleConsumer(outs[0]!);
        if (!bias && next !== null) {
          const add = nodes[next]!;
          const other = (add.input ?? []).find((n) => n !== outs[0]);
          if (add.op_type === 'Add' && other && values.get(other)?.kind === 'const') {
            bias = true;
            skip.add(next);
            for (const o of add.output ?? []) if (o) outs.push(o);
          }
        }
        id = b.matmul(x.id, outC, bias);
        rank = 2;
        break;
      }
      case 'BatchNormalization':
        id = b.unary('batchnorm', x.id);
        break;
      case 'Relu':
        id = b.unary('relu', x.id);
        break;
      case 'Clip': {
        const lo = attrFloat(node, 'min') ?? (constAt(1) ? onnxTensorValues(constAt(1)!)[0] : undefined);
        const hi = attrFloat(node, 'max') ?? (constAt(2) ? onnxTensorValues(constAt(2)!)[0] : undefined);
        id = lo === 0 && hi === 6 ? b.unary('relu6', x.id) : oov();
        break;
      }
      case 'HardSwish':
        id = b.unary('hswish', x.id);
        break;
      case 'HardSigmoid':
        id = b.unary('hsigmoid', x.id);
        break;
      case 'Sigmoid': {
        // Sigmoid(x) * x is swish (SiLU); exporters write it as two nodes.
        const next = soleConsumer(outs[0]!);
        const mul = next !== null ? nodes[next]! : null;
        const xName = node.input![0]!;
        if (mul?.op_type === 'Mul' && (mul.input ?? []).length === 2 && (mul.input ?? []).includes(xName)) {
          id = b.unary('swish', x.id);
          skip.add(next!);
          for (const o of mul.output ?? []) if (o) outs.push(o);
        } else id = b.unary('sigmoid', x.id);
        break;
      }
      case 'Tanh':
        id = b.unary('tanh', x.id);
        break;
      case 'Gelu':
        id = b.unary('gelu', x.id);
        break;
      case 'Identity':
        id = b.unary('identity', x.id);
        break;
      case 'Add':
      case 'Sum':
      case 'Mul': {
        const distinct = [...new Set(acts.map((a) => a.id))];
        if (distinct.length >= 2) {
          id = b.combine(op === 'Mul' ? 'mul' : 'add', distinct);
          break;
        }
        if (acts.length >= 2) {
          // x + x or x * x: one producer twice; a CG edge cannot repeat, so it stays an <oov> op.
          id = oov();
          break;
        }
        const c = op === 'Mul' ? constAt(ins.findIndex((v) => v?.kind === 'const')) : null;
        const isZero = c !== null && onnxTensorValues(c).every((v) => v === 0) && onnxTensorValues(c).length > 0;
        id = isZero ? b.unary('zero', x.id) : oov();
        break;
      }
      case 'Concat': {
        const axis = attrInt(node, 'axis', 1);
        id = axis === 1 || axis === -3 ? b.concat(acts.map((a) => a.id)) : oov();
        break;
      }
      case 'MaxPool':
      case 'AveragePool': {
        const kernel = attrInts(node, 'kernel_shape') ?? [];
        const strides = attrInts(node, 'strides') ?? [1, 1];
        if (
          kernel.length !== 2 ||
          kernel[0] !== kernel[1] ||
          strides[0] !== strides[1] ||
          (attrInts(node, 'dilations') ?? [1, 1]).some((d) => d !== 1)
        ) {
          id = oov();
          break;
        }
        const s = b.shape(x.id);
        const k = kernel[0]!;
        const st = strides[0]!;
        const p = windowPads(node, s.h, s.w, [k, k], st, 1);
        let pads: Pads = p;
        if (attrInt(node, 'ceil_mode', 0) === 1) {
          // ceil_mode: extend bottom/right so the floor rule yields the ceil output size.
          const extra = (n: number, a: number, z: number) => (st - ((n + a + z - k) % st)) % st;
          pads = [p[0], p[1], p[2] + extra(s.h, p[0], p[2]), p[3] + extra(s.w, p[1], p[3])];
        }
        id = op === 'MaxPool' ? b.maxpool(x.id, { k, stride: st, pads }) : b.avgpool(x.id, { k, stride: st, pads });
        break;
      }
      case 'GlobalAveragePool':
        id = b.globalPool(x.id, 'global');
        break;
      case 'ReduceMean': {
        const axes = attrInts(node, 'axes') ?? (constAt(1) ? onnxTensorValues(constAt(1)!) : []);
        const set = new Set(axes.map((a) => (a < 0 ? a + x.rank : a)));
        if (x.rank === 4 && set.size === 2 && set.has(2) && set.has(3)) {
          id = b.globalPool(x.id, 'mean');
          if (attrInt(node, 'keepdims', 1) === 0) rank = 2;
        } else id = oov();
        break;
      }
      case 'Pad': {
        const mode = attrString(node, 'mode') || 'constant';
        const pads = attrInts(node, 'pads') ?? (constAt(1) ? onnxTensorValues(constAt(1)!) : []);
        if (
          mode === 'constant' &&
          pads.length === 8 &&
          pads[0] === 0 &&
          pads[1] === 0 &&
          pads[4] === 0 &&
          pads[5] === 0
        ) {
          id = b.paddings(x.id, [pads[2]!, pads[3]!, pads[6]!, pads[7]!]);
        } else id = oov();
        break;
      }
      default:
        if (FOLDED.has(op)) {
          setOut(node4(x.id, op === 'Flatten' ? 2 : x.rank));
          continue;
        }
        id = oov();
    }
    const label = labels?.[id];
    if (typeof label === 'string') pendingLabels.set(id, label);
    setOut(node4(id, rank));
  }

  for (const out of g.output ?? []) {
    const v = values.get(out.name ?? '');
    if (!v || v.kind !== 'node') {
      throw new OnnxImportError(
        `cg-core.importOnnx: graph output "${out.name ?? ''}" is not computed from the input; the model has no usable output`,
      );
    }
    b.output(v.id);
  }
  let graph = b.build();
  if (labels) {
    graph = {
      ...graph,
      nodes: graph.nodes.map((n) => {
        if (n.op === '<oov>') return n;
        const { label: _old, ...rest } = n;
        const l = pendingLabels.get(n.id) ?? (n.op === 'input' || n.op === 'output' ? labels[n.id] : undefined);
        return typeof l === 'string' ? { ...rest, label: l } : rest;
      }),
    };
  }
  return { graph, unmappedOps, deadNodes: live.filter((l) => !l).length };
}

function parseLabels(text: string | undefined): (string | null)[] | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : null)) : null;
  } catch {
    return null;
  }
}
