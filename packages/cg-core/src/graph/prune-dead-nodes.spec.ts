import { describe, expect, it } from 'vitest';

import type { ComputationGraph } from './computation-graph.js';
import { GraphBuilder } from './graph-builder.js';
import { pruneDeadNodes } from './prune-dead-nodes.js';
import { validateGraph } from './validate-graph.js';

describe('pruneDeadNodes', () => {
  it('drops branches that never reach an output and renumbers the rest', () => {
    const b = new GraphBuilder({}, { validate: false });
    const x = b.input(8, 8, 4);
    const deadConv = b.conv(x, { outC: 4, k: 3 });
    b.relu(deadConv); // nothing reads this chain
    const y = b.relu(x);
    b.output(y);
    const raw: ComputationGraph = b.build();
    expect(() => validateGraph(raw)).toThrow(/dangling/);
    const g = validateGraph(pruneDeadNodes(raw));
    expect(g.nodes.map((n) => n.op)).toEqual(['input', 'relu', 'output']);
    expect(g.edges).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('returns the same graph when nothing is dead', () => {
    const b = new GraphBuilder();
    b.output(b.relu(b.input(4, 4, 2)));
    const g = b.build();
    expect(pruneDeadNodes(g)).toBe(g);
  });
});
