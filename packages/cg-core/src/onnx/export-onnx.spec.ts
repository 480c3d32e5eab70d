import { Rng } from '@cgnas/native';
import * as ort from 'onnxruntime-node';
import { describe, expect, it, vi } from 'vitest';

// Data-heavy cases; the machine is shared, so allow for load rather than flake.
vi.setConfig({ testTimeout: 30_000 });

import type { ComputationGraph } from '../graph/computation-graph.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import { graphHash } from '../identity/graph-hash.js';
import { nb201Graph } from '../families/nb201/nb201-graph.js';
import { fbnetFamily } from '../families/fbnet/fbnet-family.js';
import { ofaMbv3Family } from '../families/ofa-mbv3/ofa-mbv3-family.js';
import { proxylessFamily } from '../families/proxyless/proxyless-family.js';
import { exportOnnx } from './export-onnx.js';
import { importOnnx } from './import-onnx.js';
import { OnnxExportError } from './onnx-errors.js';

async function run(graph: ComputationGraph, seed = 0): Promise<{ dims: readonly number[]; data: Float32Array }> {
  const bytes = exportOnnx(graph, { seed });
  const session = await ort.InferenceSession.create(bytes);
  const input = graph.nodes[0]!;
  const rng = new Rng(seed + 1);
  const x = Float32Array.from({ length: input.outC * input.outH * input.outW }, () => rng.normal());
  const out = await session.run({
    [session.inputNames[0]!]: new ort.Tensor('float32', x, [1, input.outC, input.outH, input.outW]),
  });
  const t = out[session.outputNames[0]!]!;
  await session.release();
  return { dims: t.dims, data: t.data as Float32Array };
}

describe('exportOnnx', () => {
  it('runs NB-201, OFA-MBv3, FBNet and ProxylessNAS CGs in onnxruntime with the right output shape', async () => {
    const cases: [ComputationGraph, number][] = [
      [nb201Graph('|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_1x1~2|'), 10],
      [ofaMbv3Family.toGraph({ ks: Array(20).fill(3), e: Array(20).fill(3), d: [2, 2, 2, 2, 2], r: 128 }), 1000],
      [fbnetFamily.toGraph(fbnetFamily.sample(new Rng(2))), 100],
      [proxylessFamily.toGraphWith(proxylessFamily.sample(new Rng(3)), { resolution: 64 }), 1000],
    ];
    for (const [g, classes] of cases) {
      const { dims, data } = await run(g);
      expect(dims).toEqual([1, classes]);
      expect(data.every(Number.isFinite)).toBe(true);
      const back = importOnnx(exportOnnx(g)).graph;
      expect(back).toEqual(g);
      expect(graphHash(back)).toBe(graphHash(g));
    }
  }, 60_000);

  it('given weights give the float64 reference result (conv 3x3 pad 1 → ReLU → global pool → FC)', async () => {
    const b = new GraphBuilder();
    const x = b.input(3, 3, 2);
    b.output(b.matmul(b.globalPool(b.relu(b.conv(x, { outC: 2, k: 3, bias: true }))), 1, true));
    const g = b.build();
    const rng = new Rng(5);
    const w = Array.from({ length: 2 * 2 * 9 }, () => rng.normal()); // [out, in, kh, kw]
    const cb = [0.1, -0.2];
    const fc = [0.7, -1.3];
    const inp = Array.from({ length: 18 }, () => rng.normal()); // [c, h, w]
    const bytes = exportOnnx(g, {
      weights: (n, role) =>
        n.op === 'conv'
          ? Float32Array.from(role === 'weight' ? w : cb)
          : n.op === 'matmul'
            ? Float32Array.from(role === 'weight' ? fc : [0.5])
            : null,
    });
    let expected = 0.5;
    for (let o = 0; o < 2; o++) {
      let mean = 0;
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) {
          let s = cb[o]!;
          for (let c = 0; c < 2; c++)
            for (let di = -1; di <= 1; di++)
              for (let dj = -1; dj <= 1; dj++) {
                const y = i + di;
                const z = j + dj;
                if (y < 0 || y > 2 || z < 0 || z > 2) continue;
                s += w[((o * 2 + c) * 3 + di + 1) * 3 + dj + 1]! * inp[(c * 3 + y) * 3 + z]!;
              }
          mean += Math.max(0, s) / 9;
        }
      expected += fc[o]! * mean;
    }
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({
      [session.inputNames[0]!]: new ort.Tensor('float32', Float32Array.from(inp), [1, 2, 3, 3]),
    });
    expect((out[session.outputNames[0]!]!.data as Float32Array)[0]).toBeCloseTo(expected, 4);
    await session.release();
  });

  it('opsets 17 and 20 (Gelu, ReduceMean axes as input) both run and round-trip', async () => {
    for (const gelu of [false, true]) {
      const b = new GraphBuilder({ family: 'test' });
      const x = b.input(6, 6, 4);
      const y = b.unary(gelu ? 'gelu' : 'swish', b.conv(x, { outC: 8, k: 3 }));
      const s = b.unary('sigmoid', b.globalPool(y, 'mean'));
      b.output(b.matmul(b.globalPool(b.mul([y, s])), 3));
      const g = b.build();
      const { dims } = await run(g);
      expect(dims).toEqual([1, 3]);
      expect(importOnnx(exportOnnx(g, { opset: gelu ? 17 : 18 })).graph).toEqual(g);
    }
  });

  it('same seed, same bytes; <oov> nodes and wrong-sized weights are OnnxExportError', () => {
    const g = fbnetFamily.toGraph(fbnetFamily.sample(new Rng(4)));
    const [a, a2, other] = [exportOnnx(g, { seed: 9 }), exportOnnx(g, { seed: 9 }), exportOnnx(g, { seed: 10 })];
    expect(Buffer.compare(a, a2)).toBe(0);
    expect(Buffer.compare(a, other)).not.toBe(0);
    const b = new GraphBuilder();
    b.output(b.opaque([b.input(4, 4, 1)], { h: 4, w: 4, c: 1 }, 'LRN'));
    expect(() => exportOnnx(b.build())).toThrow(OnnxExportError);
    expect(() => exportOnnx(g, { weights: () => new Float32Array(1) })).toThrow(OnnxExportError);
  });
});
