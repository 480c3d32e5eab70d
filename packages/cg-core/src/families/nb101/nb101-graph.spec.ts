import { describe, expect, it } from 'vitest';

import { loadNb101Sample } from '../../data/benchmark-data.js';
import { graphCost, nodeCost } from '../../graph/graph-cost.js';
import { validateGraph } from '../../graph/validate-graph.js';
import { ArchError } from '../arch-error.js';
import { nb101Graph, nb101VertexChannels } from './nb101-graph.js';
import { pruneNb101 } from './nb101-spec.js';

// Heavy, data-wide checks: a generous timeout keeps them from flaking on a loaded machine.
describe('nb101Graph', { timeout: 30_000 }, () => {
  it('reproduces NASLib zc.params exactly and zc.flops up to the global-pool convention for all 500 cells', () => {
    const rows = loadNb101Sample();
    expect(rows).toHaveLength(500);
    let exactParams = 0;
    let exactFlops = 0;
    for (const r of rows) {
      const g = nb101Graph(r);
      const cost = graphCost(g);
      if (Math.abs(cost.params - r.zc.params! * 1e6) < 0.5) exactParams++;
      // NASLib's NB-101 net pools with torch.mean, which its module-hook counter does not see.
      const pool = g.nodes.filter((n) => n.op === 'global').reduce((s, n) => s + nodeCost(n).benchFlops, 0);
      if (Math.abs(cost.benchFlops - pool - r.zc.flops! * 1e6) < 0.5) exactFlops++;
    }
    expect(exactParams).toBe(500);
    expect(exactFlops).toBe(500);
  });

  it('validates and shapes the whole network: 3 stacks at 32, 16, 8 with 128, 256, 512 channels', () => {
    const r = loadNb101Sample()[0]!;
    const g = validateGraph(nb101Graph(r));
    const pools = g.nodes.filter((n) => n.op === 'maxpool' && n.kh === 2);
    expect(pools.map((n) => [n.inH, n.outH, n.outC])).toEqual([
      [32, 16, 128],
      [16, 8, 256],
    ]);
    expect(g.nodes.at(-3)!.inC).toBe(512);
  });

  it('splits output channels like compute_vertex_channels', () => {
    // Three vertices feed the output (vertex 4): 128 = 43 + 43 + 42.
    const chain = [
      [0, 1, 1, 1, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
    ];
    expect(nb101VertexChannels(64, 128, chain)).toEqual([64, 43, 43, 42, 128]);
    // Only 2 and 3 feed the output (64 each); vertex 1 takes the max of its successors.
    const feed = [
      [0, 1, 0, 0, 0],
      [0, 0, 1, 1, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
    ];
    expect(nb101VertexChannels(64, 128, feed)).toEqual([64, 64, 64, 64, 128]);
  });

  it('prunes vertices off every input→output path and rejects invalid specs with ArchError', () => {
    const dangling = {
      matrix: [
        [0, 1, 1, 0],
        [0, 0, 0, 1],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
      ops: ['input', 'conv3x3-bn-relu', 'maxpool3x3', 'output'],
    };
    expect(pruneNb101(dangling)).toEqual({
      matrix: [
        [0, 1, 0],
        [0, 0, 1],
        [0, 0, 0],
      ],
      ops: ['input', 'conv3x3-bn-relu', 'output'],
    });
    const noPath = {
      matrix: [
        [0, 1, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
      ops: ['input', 'maxpool3x3', 'output'],
    };
    const lower = {
      matrix: [
        [0, 0],
        [1, 0],
      ],
      ops: ['input', 'output'],
    };
    const badOp = {
      matrix: [
        [0, 1, 0],
        [0, 0, 1],
        [0, 0, 0],
      ],
      ops: ['input', 'conv5x5', 'output'],
    };
    const full7 = Array.from({ length: 7 }, (_, i) => Array.from({ length: 7 }, (_, j) => (j > i ? 1 : 0)));
    const tooMany = { matrix: full7, ops: ['input', ...new Array(5).fill('maxpool3x3'), 'output'] };
    for (const spec of [noPath, lower, badOp, tooMany, { matrix: [], ops: [] }]) {
      expect(() => nb101Graph(spec)).toThrow(ArchError);
    }
  });
});
