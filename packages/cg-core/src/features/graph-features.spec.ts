import { describe, expect, it } from 'vitest';

import { nb201Graph } from '../families/nb201/nb201-graph.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import { opIndex } from '../graph/op-types.js';
import { graphFeatures } from './graph-features.js';

describe('graphFeatures', () => {
  it('encodes ops, scaled shapes, kernels, bias and edges of a hand-built graph', () => {
    const b = new GraphBuilder();
    const x = b.input(32, 32, 3);
    const c = b.conv(x, { outC: 16, k: 3, stride: 2, bias: true });
    const r = b.relu(b.batchnorm(c));
    b.output(b.matmul(b.globalPool(r), 10, false));
    const f = graphFeatures(b.build());
    expect(f.numNodes).toBe(7);
    expect(Array.from(f.opIndex)).toEqual(
      ['input', 'conv', 'batchnorm', 'relu', 'global', 'matmul', 'output'].map((op) => opIndex(op)),
    );
    expect(Array.from(f.shape.subarray(6, 12))).toEqual([32 / 256, 16 / 256, 32 / 256, 16 / 256, 3 / 512, 16 / 512]);
    expect(Array.from(f.kernelH)).toEqual([0, 3, 0, 0, 0, 0, 0]);
    expect(Array.from(f.bias)).toEqual([0, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(f.weighted)).toEqual([0, 1, 1, 0, 0, 1, 0]);
    expect(Array.from(f.edgeSrc)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(f.edgeDst)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('matches the graph node for node on a whole NB-201 network', () => {
    const g = nb201Graph(
      '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|',
    );
    const f = graphFeatures(g);
    expect(f.numNodes).toBe(g.nodes.length);
    expect(f.edgeSrc.length).toBe(g.edges.length);
    g.nodes.forEach((n, i) => {
      expect(f.shape[i * 6 + 5]).toBeCloseTo(n.outC / 512, 7);
      expect(f.kernelW[i]).toBe(n.kw ?? 0);
    });
  });
});
