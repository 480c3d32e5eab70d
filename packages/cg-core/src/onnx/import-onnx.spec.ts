import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

// Data-heavy cases; the machine is shared, so allow for load rather than flake.
vi.setConfig({ testTimeout: 30_000 });

import type { ComputationGraph } from '../graph/computation-graph.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import { exportOnnx } from './export-onnx.js';
import { importOnnx } from './import-onnx.js';
import { OnnxImportError } from './onnx-errors.js';
import { onnxModelType } from './onnx-schema.js';

/** A small graph touching every exportable op. */
function zoo(): ComputationGraph {
  const b = new GraphBuilder({ family: 'test', name: 'zoo' });
  const x = b.input(12, 12, 4);
  const c = b.unary('relu6', b.batchnorm(b.conv(x, { outC: 8, k: 3, stride: 2, bias: true, label: 'stem' })));
  const d = b.unary('hswish', b.conv(c, { outC: 8, k: 5, groups: 8 }));
  const s = b.unary('hsigmoid', b.conv(b.globalPool(d, 'mean'), { outC: 8, k: 1, bias: true }));
  const se = b.mul([d, s]);
  const p = b.maxpool(b.paddings(se, [1, 1, 0, 0]), { k: 2, stride: 1, pads: 'valid' });
  const a = b.avgpool(b.unary('swish', c), { k: 3, stride: 1 });
  const z = b.unary('zero', b.unary('identity', a));
  const cat = b.concat([b.add([p, a, z]), b.unary('sigmoid', p), b.unary('tanh', z)]);
  const g = b.globalPool(b.relu(cat), 'global');
  const f = b.matmul(g, 16, true);
  b.output(b.matmul(b.relu(f), 5, false));
  return b.build();
}

function tinyModelBytes(): Uint8Array {
  const b = new GraphBuilder({ family: 'tiny' });
  const x = b.input(4, 4, 2);
  b.output(b.matmul(b.globalPool(b.relu(b.conv(x, { outC: 3, k: 3 }))), 2));
  return exportOnnx(b.build(), { seed: 1 });
}

const type = onnxModelType();
const encode = (obj: object) => type.encode(type.fromObject(obj)).finish();

describe('importOnnx', () => {
  it('inverts exportOnnx on every vocabulary op: same nodes, edges, attributes and meta', () => {
    const g = zoo();
    const back = importOnnx(exportOnnx(g, { seed: 3 }));
    expect(back.unmappedOps).toEqual([]);
    expect(back.graph).toEqual(g);
  });

  it('maps a hand-written PyTorch-style model: Clip(0,6) → relu6, Flatten folded, Gemm, unknown op → <oov>', () => {
    const f32 = (n: number) => new Uint8Array(new Float32Array(n).buffer);
    const model = {
      ir_version: 7,
      opset_import: [{ domain: '', version: 11 }],
      graph: {
        name: 'hand',
        input: [
          {
            name: 'x',
            type: {
              tensor_type: {
                elem_type: 1,
                shape: { dim: [{ dim_param: 'N' }, { dim_value: 3 }, { dim_value: 8 }, { dim_value: 8 }] },
              },
            },
          },
        ],
        output: [{ name: 'y' }],
        initializer: [
          { name: 'w', dims: [6, 3, 3, 3], data_type: 1, raw_data: f32(162) },
          { name: 'lo', dims: [], data_type: 1, float_data: [0] },
          { name: 'hi', dims: [], data_type: 1, float_data: [6] },
          { name: 'fc', dims: [10, 6], data_type: 1, raw_data: f32(60) },
          { name: 'fcb', dims: [10], data_type: 1, raw_data: f32(10) },
        ],
        node: [
          {
            op_type: 'Conv',
            input: ['x', 'w'],
            output: ['c'],
            attribute: [
              { name: 'auto_pad', type: 3, s: new TextEncoder().encode('SAME_UPPER') },
              { name: 'strides', type: 7, ints: [2, 2] },
            ],
          },
          { op_type: 'Clip', input: ['c', 'lo', 'hi'], output: ['r'] },
          { op_type: 'LRN', input: ['r'], output: ['l'], attribute: [{ name: 'size', type: 2, i: 3 }] },
          { op_type: 'GlobalAveragePool', input: ['l'], output: ['g'] },
          { op_type: 'Flatten', input: ['g'], output: ['f'] },
          { op_type: 'Gemm', input: ['f', 'fc', 'fcb'], output: ['y'], attribute: [{ name: 'transB', type: 2, i: 1 }] },
          { op_type: 'Relu', input: ['x'], output: ['dead'] },
        ],
      },
    };
    const r = importOnnx(encode(model));
    expect(r.graph.nodes.map((n) => n.op)).toEqual(['input', 'conv', 'relu6', '<oov>', 'global', 'matmul', 'output']);
    expect(r.graph.nodes[1]).toMatchObject({ outH: 4, outW: 4, outC: 6, pads: [0, 0, 1, 1], bias: false });
    expect(r.graph.nodes[5]).toMatchObject({ outC: 10, bias: true });
    expect(r.unmappedOps).toEqual([{ opType: 'LRN', nodeName: '', cgNode: 3 }]);
    expect(r.graph.nodes[3]!.label).toBe('LRN');
    expect(r.deadNodes).toBe(1);
  });

  it('rejects empty, non-model, graph-less and dangling-input files with OnnxImportError', () => {
    expect(() => importOnnx(new Uint8Array())).toThrow(OnnxImportError);
    expect(() => importOnnx(encode({ ir_version: 8 }))).toThrow(/no graph/);
    expect(() => importOnnx(new TextEncoder().encode('hello, this is not protobuf at all'))).toThrow(OnnxImportError);
    const noInput = {
      ir_version: 8,
      graph: { node: [{ op_type: 'Relu', input: ['x'], output: ['y'] }], output: [{ name: 'y' }] },
    };
    expect(() => importOnnx(encode(noInput))).toThrow(OnnxImportError);
    const symbolic = {
      ir_version: 8,
      graph: {
        input: [{ name: 'x', type: { tensor_type: { shape: { dim: [{ dim_param: 'N' }, { dim_param: 'C' }] } } } }],
        output: [{ name: 'x' }],
      },
    };
    expect(() => importOnnx(encode(symbolic))).toThrow(/inputShape/);
  });

  it('never crashes on random bytes (property, 3,000 cases)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 256 }), (bytes) => {
        try {
          importOnnx(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(OnnxImportError);
        }
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('never crashes on truncated or bit-flipped models (property, 2,000 cases)', () => {
    const bytes = tinyModelBytes();
    expect(importOnnx(bytes).graph.nodes).toHaveLength(6);
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.nat(), fc.boolean(), (cut, flip, doFlip) => {
        const data = bytes.slice(0, doFlip ? bytes.length : cut);
        if (doFlip) data[flip % data.length] = data[flip % data.length]! ^ (1 << (flip % 8));
        try {
          importOnnx(data);
        } catch (e) {
          expect(e).toBeInstanceOf(OnnxImportError);
        }
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
  it('never crashes on random well-formed protobuf graphs over the mapped ops (property, 1,500 cases)', () => {
    const OPS = [
      'Conv',
      'Gemm',
      'MatMul',
      'BatchNormalization',
      'Relu',
      'Clip',
      'HardSwish',
      'HardSigmoid',
      'Sigmoid',
      'Tanh',
      'Identity',
      'Add',
      'Sum',
      'Mul',
      'Concat',
      'MaxPool',
      'AveragePool',
      'GlobalAveragePool',
      'ReduceMean',
      'Pad',
      'Flatten',
      'Reshape',
      'Dropout',
      'Constant',
      'Shape',
      'Softmax',
    ];
    const names = fc.constantFrom('x', 'a', 'b', 'c', 'w', 'w2', 'y', '');
    const attribute = fc.record({
      name: fc.constantFrom(
        'group',
        'strides',
        'pads',
        'kernel_shape',
        'axis',
        'axes',
        'transB',
        'auto_pad',
        'ceil_mode',
        'min',
        'max',
        'keepdims',
        'dilations',
        'value',
        'mode',
      ),
      type: fc.integer({ min: 0, max: 8 }),
      i: fc.integer({ min: -3, max: 9 }),
      f: fc.float(),
      ints: fc.array(fc.integer({ min: -2, max: 9 }), { maxLength: 9 }),
      s: fc.uint8Array({ maxLength: 12 }),
    });
    const node = fc.record({
      op_type: fc.constantFrom(...OPS),
      input: fc.array(names, { maxLength: 4 }),
      output: fc.array(names, { minLength: 1, maxLength: 2 }),
      attribute: fc.array(attribute, { maxLength: 4 }),
    });
    const tensor = fc.record({
      name: names,
      dims: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 5 }),
      data_type: fc.constantFrom(1, 3, 6, 7, 11),
      raw_data: fc.uint8Array({ maxLength: 64 }),
    });
    const image = {
      name: 'x',
      type: { tensor_type: { elem_type: 1, shape: { dim: [1, 3, 8, 8].map((d) => ({ dim_value: d })) } } },
    };
    const fixed = [
      { name: 'w', dims: [4, 3, 3, 3], data_type: 1, raw_data: new Uint8Array(432) },
      { name: 'w2', dims: [4, 6], data_type: 1, raw_data: new Uint8Array(96) },
    ];
    const model = fc.record({
      node: fc.array(node, { minLength: 1, maxLength: 8 }),
      output: fc.array(fc.record({ name: fc.constantFrom('a', 'b', 'c', 'y') }), { minLength: 1, maxLength: 2 }),
      initializer: fc.array(tensor, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(model, (g) => {
        const bytes = encode({
          ir_version: 8,
          graph: { ...g, input: [image], initializer: [...fixed, ...g.initializer] },
        });
        try {
          importOnnx(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(OnnxImportError);
        }
      }),
      { numRuns: 1500, seed: 11 },
    );
  });
});
