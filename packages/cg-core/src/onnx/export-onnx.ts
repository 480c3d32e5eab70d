// Computation Graph → ONNX (opset 17, or 20 when a Gelu is present; NCHW, float32) with seeded random or caller-given weights, so any
// CG can run in onnxruntime; the inverse of importOnnx (CG → ONNX → CG gives the same graph), with the
// CG's meta and node labels carried in metadata_props.
import { Rng } from '@cgnas/native';

import type { CgNode, ComputationGraph } from '../graph/computation-graph.js';
import { predecessors, successors } from '../graph/computation-graph.js';
import { validateGraph } from '../graph/validate-graph.js';
import { OnnxExportError } from './onnx-errors.js';
import {
  ONNX_FLOAT,
  ONNX_INT64,
  onnxModelType,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from './onnx-schema.js';

/** Supplies the values of one weight tensor (length = product of dims); return null for the random default. */
export type OnnxWeightFn = (node: CgNode, role: string, dims: readonly number[]) => Float32Array | null;

export interface OnnxExportOptions {
  /** Seed of the random weights (He-uniform convs and FC, BN near identity). */
  readonly seed: number;
  /** Given weights; falls back to random where it returns null. */
  readonly weights: OnnxWeightFn | null;
  readonly opset: number;
}

export const ONNX_EXPORT_DEFAULTS: OnnxExportOptions = { seed: 0, weights: null, opset: 17 };

const ATTR_INT = 2;
const ATTR_INTS = 7;
const ATTR_FLOAT = 1;

function ints(name: string, v: readonly number[]) {
  return { name, type: ATTR_INTS, ints: [...v] };
}
function int(name: string, v: number) {
  return { name, type: ATTR_INT, i: v };
}
function float(name: string, v: number) {
  return { name, type: ATTR_FLOAT, f: v };
}

function floatTensor(name: string, dims: readonly number[], data: Float32Array): OnnxTensor {
  return {
    name,
    dims: [...dims],
    data_type: ONNX_FLOAT,
    raw_data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}
function int64Tensor(name: string, values: readonly number[]): OnnxTensor {
  const data = new BigInt64Array(values.map((v) => BigInt(v)));
  return { name, dims: [values.length], data_type: ONNX_INT64, raw_data: new Uint8Array(data.buffer) };
}
function scalarFloat(name: string, v: number): OnnxTensor {
  return { name, dims: [], data_type: ONNX_FLOAT, raw_data: new Uint8Array(new Float32Array([v]).buffer) };
}

function valueInfo(name: string, dims: readonly number[]): OnnxValueInfo {
  return {
    name,
    type: { tensor_type: { elem_type: ONNX_FLOAT, shape: { dim: dims.map((d) => ({ dim_value: d })) } } },
  };
}

/** Encodes a CG as ONNX model bytes. Throws OnnxExportError for `<oov>`/reserved ops. */
export function exportOnnx(graph: ComputationGraph, options: Partial<OnnxExportOptions> = {}): Uint8Array {
  const opts = { ...ONNX_EXPORT_DEFAULTS, ...options };
  if (!Number.isSafeInteger(opts.seed)) {
    throw new OnnxExportError(`cg-core.exportOnnx: Expected a safe integer for seed but received ${opts.seed}`);
  }
  if (!Number.isInteger(opts.opset) || opts.opset < 14) {
    throw new OnnxExportError(
      `cg-core.exportOnnx: Expected an opset >= 14 (HardSwish) for opset but received ${opts.opset}`,
    );
  }
  validateGraph(graph);
  // Gelu exists from opset 20; a graph that uses it is written at that opset.
  const opset = graph.nodes.some((n) => n.op === 'gelu') ? Math.max(20, opts.opset) : opts.opset;
  const rng = new Rng(opts.seed);
  const preds = predecessors(graph);
  const succ = successors(graph);
  const nodes: OnnxNode[] = [];
  const inits: OnnxTensor[] = [];
  const inputs: OnnxValueInfo[] = [];
  const outputs: OnnxValueInfo[] = [];
  const tensorOf: string[] = [];
  /** Whether a node's tensor is [N, F] (after a matmul feeding only outputs) instead of [N, C, H, W]. */
  const flat: boolean[] = [];

  const weight = (n: CgNode, role: string, dims: readonly number[], init: () => number): string => {
    const size = dims.reduce((a, d) => a * d, 1);
    let data = opts.weights?.(n, role, dims) ?? null;
    if (data && data.length !== size) {
      throw new OnnxExportError(
        `cg-core.exportOnnx: weights for node ${n.id} (${n.op}) ${role} have ${data.length} values; expected ${size} (dims ${dims.join('x')})`,
      );
    }
    if (!data) {
      data = new Float32Array(size);
      for (let i = 0; i < size; i++) data[i] = init();
    }
    const name = `n${n.id}.${role}`;
    inits.push(floatTensor(name, dims, data));
    return name;
  };
  // He-uniform: U(-b, b) with b = sqrt(6 / fanIn) has the He-normal variance 2 / fanIn; one draw per value.
  const he = (fanIn: number) => {
    const scale = (2 * Math.sqrt(6 / Math.max(1, fanIn))) / 2 ** 32;
    const bound = Math.sqrt(6 / Math.max(1, fanIn));
    return () => rng.nextUint32() * scale - bound;
  };

  for (const n of graph.nodes) {
    const out = `t${n.id}`;
    tensorOf[n.id] = out;
    flat[n.id] = false;
    const ins = preds[n.id]!.map((p) => tensorOf[p]!);
    const x = ins[0]!;
    const push = (op_type: string, input: string[], attribute: OnnxNode['attribute'] = [], output = out) =>
      nodes.push({ op_type, input, output: [output], name: `${op_type.toLowerCase()}_${n.id}`, attribute });
    switch (n.op) {
      case 'input':
        inputs.push(valueInfo(out, [1, n.outC, n.outH, n.outW]));
        break;
      case 'output':
        tensorOf[n.id] = x;
        outputs.push(valueInfo(x, flat[preds[n.id]![0]!] ? [1, n.outC] : [1, n.outC, n.outH, n.outW]));
        break;
      case 'conv':
      case 'depthwise': {
        const g = n.groups ?? 1;
        const kh = n.kh ?? 1;
        const kw = n.kw ?? 1;
        const w = weight(n, 'weight', [n.outC, n.inC / g, kh, kw], he((kh * kw * n.inC) / g));
        const input = [x, w];
        if (n.bias) input.push(weight(n, 'bias', [n.outC], () => 0.01 * rng.normal()));
        const d = n.dilation ?? 1;
        push('Conv', input, [
          ints('kernel_shape', [kh, kw]),
          ints('strides', [n.stride ?? 1, n.stride ?? 1]),
          ints('pads', n.pads ?? [0, 0, 0, 0]),
          ints('dilations', [d, d]),
          int('group', g),
        ]);
        break;
      }
      case 'batchnorm': {
        const c = [n.outC];
        const input = [
          x,
          weight(n, 'scale', c, () => 1 + 0.1 * rng.normal()),
          weight(n, 'bias', c, () => 0.1 * rng.normal()),
          weight(n, 'mean', c, () => 0.1 * rng.normal()),
          weight(n, 'var', c, () => 1 + 0.1 * rng.float()),
        ];
        push('BatchNormalization', input, [float('epsilon', 1e-5)]);
        break;
      }
      case 'matmul': {
        const inF = n.inH * n.inW * n.inC;
        const f = `t${n.id}.flat`;
        push('Flatten', [x], [int('axis', 1)], f);
        const input = [f, weight(n, 'weight', [n.outC, inF], he(inF))];
        if (n.bias) input.push(weight(n, 'bias', [n.outC], () => 0));
        const onlyOutputs = succ[n.id]!.every((s) => graph.nodes[s]!.op === 'output');
        if (onlyOutputs) {
          push('Gemm', input, [int('transB', 1)]);
          flat[n.id] = true;
        } else {
          push('Gemm', input, [int('transB', 1)], `${out}.2d`);
          inits.push(int64Tensor(`n${n.id}.shape`, [1, n.outC, 1, 1]));
          push('Reshape', [`${out}.2d`, `n${n.id}.shape`]);
        }
        break;
      }
      case 'relu':
        push('Relu', [x]);
        break;
      case 'relu6':
        inits.push(scalarFloat(`n${n.id}.min`, 0), scalarFloat(`n${n.id}.max`, 6));
        push('Clip', [x, `n${n.id}.min`, `n${n.id}.max`]);
        break;
      case 'sigmoid':
        push('Sigmoid', [x]);
        break;
      case 'tanh':
        push('Tanh', [x]);
        break;
      case 'swish':
        push('Sigmoid', [x], [], `${out}.sig`);
        push('Mul', [x, `${out}.sig`]);
        break;
      case 'hswish':
        push('HardSwish', [x]);
        break;
      case 'hsigmoid':
        push('HardSigmoid', [x], [float('alpha', 1 / 6), float('beta', 0.5)]);
        break;
      case 'identity':
        push('Identity', [x]);
        break;
      case 'zero':
        inits.push(scalarFloat(`n${n.id}.zero`, 0));
        push('Mul', [x, `n${n.id}.zero`]);
        break;
      case 'add':
        push(ins.length === 2 ? 'Add' : 'Sum', ins);
        break;
      case 'mul': {
        let acc = ins[0]!;
        for (let k = 1; k < ins.length; k++) {
          const o = k === ins.length - 1 ? out : `${out}.m${k}`;
          push('Mul', [acc, ins[k]!], [], o);
          acc = o;
        }
        break;
      }
      case 'concat':
        push('Concat', ins, [int('axis', 1)]);
        break;
      case 'maxpool':
      case 'avgpool': {
        const attrs: NonNullable<OnnxNode['attribute']> = [
          ints('kernel_shape', [n.kh ?? 1, n.kw ?? 1]),
          ints('strides', [n.stride ?? 1, n.stride ?? 1]),
          ints('pads', n.pads ?? [0, 0, 0, 0]),
        ];
        if (n.op === 'avgpool') attrs.push(int('count_include_pad', 0));
        push(n.op === 'maxpool' ? 'MaxPool' : 'AveragePool', [x], attrs);
        break;
      }
      case 'global':
        push('GlobalAveragePool', [x]);
        break;
      case 'mean':
        // Opset 18 moved ReduceMean's axes from an attribute to an input.
        if (opset >= 18) {
          inits.push(int64Tensor(`n${n.id}.axes`, [2, 3]));
          push('ReduceMean', [x, `n${n.id}.axes`], [int('keepdims', 1)]);
        } else push('ReduceMean', [x], [ints('axes', [2, 3]), int('keepdims', 1)]);
        break;
      case 'paddings': {
        const p = n.pads ?? [0, 0, 0, 0];
        inits.push(int64Tensor(`n${n.id}.pads`, [0, 0, p[0], p[1], 0, 0, p[2], p[3]]));
        push('Pad', [x, `n${n.id}.pads`]);
        break;
      }
      case 'gelu':
        push('Gelu', [x]);
        break;
      case '<oov>':
      case '<reserved-1>':
      case '<reserved-2>':
      case '<reserved-3>':
        throw new OnnxExportError(
          `cg-core.exportOnnx: node ${n.id} is ${n.op}${n.label ? ` (${n.label})` : ''}, which has no ONNX operator; replace it with a vocabulary op before exporting`,
        );
      default: {
        const never: never = n.op;
        throw new OnnxExportError(`cg-core.exportOnnx: unhandled op ${String(never)}`);
      }
    }
  }
  const metadata = [
    ...(graph.meta.family ? [{ key: 'cgnas.family', value: graph.meta.family }] : []),
    ...(graph.meta.arch ? [{ key: 'cgnas.arch', value: graph.meta.arch }] : []),
    ...(graph.meta.name ? [{ key: 'cgnas.name', value: graph.meta.name }] : []),
    { key: 'cgnas.labels', value: JSON.stringify(graph.nodes.map((n) => n.label ?? null)) },
  ];
  const model = {
    ir_version: 8,
    producer_name: 'cgnas',
    opset_import: [{ domain: '', version: opset }],
    graph: {
      name: graph.meta.name ?? graph.meta.family ?? 'cg',
      node: nodes,
      initializer: inits,
      input: inputs,
      output: outputs,
    },
    metadata_props: metadata,
  };
  const type = onnxModelType();
  return type.encode(type.fromObject(model)).finish();
}
