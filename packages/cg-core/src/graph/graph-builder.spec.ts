import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { ComputationGraph } from './computation-graph.js';
import { GraphBuilder } from './graph-builder.js';
import { graphCost } from './graph-cost.js';
import { GraphBuildError, GraphValidationError } from './graph-errors.js';
import { validateGraph } from './validate-graph.js';

function tinyResBlock(): ComputationGraph {
  const b = new GraphBuilder({ family: 'test' });
  const x = b.input(32, 32, 3);
  const c1 = b.relu(b.batchnorm(b.conv(x, { outC: 16, k: 3 })));
  const c2 = b.batchnorm(b.conv(c1, { outC: 16, k: 3 }));
  const sc = b.conv(x, { outC: 16, k: 1 });
  const y = b.relu(b.add([c2, sc]));
  const g = b.globalPool(y);
  b.output(b.matmul(g, 10));
  return b.build();
}

describe('GraphBuilder', () => {
  it('infers shapes and counts params/MACs like a hand count', () => {
    const g = tinyResBlock();
    const cost = graphCost(g);
    // conv3x3 3->16: 432, BN 32, conv3x3 16->16: 2304, BN 32, conv1x1 3->16: 48, FC 16*10+10 = 170
    expect(cost.params).toBe(432 + 32 + 2304 + 32 + 48 + 170);
    expect(cost.macs).toBe(32 * 32 * (432 + 2304 + 48) + 160);
    expect(g.nodes.at(-1)!.op).toBe('output');
  });

  it('depthwise when groups = in = out, stride and padding shapes follow the floor rule', () => {
    const b = new GraphBuilder();
    const x = b.input(15, 15, 8);
    const d = b.conv(x, { outC: 8, k: 5, groups: 8, stride: 2 });
    const p = b.maxpool(d, { k: 3, stride: 2, pads: 'valid' });
    b.output(p);
    const g = b.build();
    expect(g.nodes[1]!.op).toBe('depthwise');
    expect([g.nodes[1]!.outH, g.nodes[2]!.outH]).toEqual([8, 3]);
  });

  it('rejects shape mismatches, bad groups and missing outputs with GraphBuildError', () => {
    const b = new GraphBuilder();
    const x = b.input(8, 8, 4);
    const y = b.conv(x, { outC: 6, k: 3 });
    expect(() => b.add([x, y])).toThrow(GraphBuildError);
    expect(() => b.conv(x, { outC: 6, k: 3, groups: 4 })).toThrow(GraphBuildError);
    expect(() => b.conv(x, { outC: 6, k: 11, pads: 'valid' })).toThrow(GraphBuildError);
    expect(() => b.build()).toThrow(GraphBuildError);
  });
});

describe('validateGraph', () => {
  const base = tinyResBlock();

  it('accepts a built graph', () => {
    expect(validateGraph(base)).toBe(base);
  });

  it('rejects a cycle, naming a node on it', () => {
    const cyclic = { ...base, edges: [...base.edges, [5, 2] as const] };
    expect(() => validateGraph(cyclic)).toThrow(GraphValidationError);
    expect(() => validateGraph(cyclic)).toThrow(/cycle/);
  });

  it('rejects dangling nodes, unknown fields, unknown ops and broken shapes', () => {
    const dangling = { ...base, edges: base.edges.filter(([s]) => s !== 1) };
    expect(() => validateGraph(dangling)).toThrow(/dangling/);
    const extra = { ...base, nodes: base.nodes.map((n, i) => (i === 2 ? { ...n, colour: 'red' } : n)) };
    expect(() => validateGraph(extra as ComputationGraph)).toThrow(/unknown field "colour"/);
    const badOp = { ...base, nodes: base.nodes.map((n, i) => (i === 2 ? { ...n, op: 'softmax' } : n)) };
    expect(() => validateGraph(badOp as unknown as ComputationGraph)).toThrow(/unknown op/);
    const badShape = { ...base, nodes: base.nodes.map((n, i) => (i === 1 ? { ...n, outH: 31 } : n)) };
    try {
      validateGraph(badShape);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GraphValidationError);
      expect((e as GraphValidationError).nodeId).toBe(1);
    }
  });

  it('never crashes on arbitrary JSON-ish input (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        try {
          validateGraph(value as ComputationGraph);
        } catch (e) {
          expect(e).toBeInstanceOf(GraphValidationError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
