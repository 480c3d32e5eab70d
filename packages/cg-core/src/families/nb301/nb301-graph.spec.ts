import { describe, expect, it } from 'vitest';

import { loadNb301Sample } from '../../data/benchmark-data.js';
import { graphCost } from '../../graph/graph-cost.js';
import { validateGraph } from '../../graph/validate-graph.js';
import { ArchError } from '../arch-error.js';
import type { DartsGenotype } from './darts-genotype.js';
import { nb301Graph } from './nb301-graph.js';

const genotypes = (): DartsGenotype[] =>
  loadNb301Sample().map((r) => ({
    normal: r.normal as DartsGenotype['normal'],
    normal_concat: r.normalConcat,
    reduce: r.reduce as DartsGenotype['reduce'],
    reduce_concat: r.reduceConcat,
  }));

// Heavy, data-wide checks: a generous timeout keeps them from flaking on a loaded machine.
describe('nb301Graph', { timeout: 30_000 }, () => {
  it('reproduces NASLib zc.params and zc.flops exactly for all 1,218 NB-301 genotypes', () => {
    const rows = loadNb301Sample();
    const gs = genotypes();
    expect(rows).toHaveLength(1218);
    let exact = 0;
    rows.forEach((r, i) => {
      const cost = graphCost(nb301Graph(gs[i]));
      if (Math.abs(cost.params - r.zc.params! * 1e6) < 0.5 && Math.abs(cost.benchFlops - r.zc.flops! * 1e6) < 0.5) {
        exact++;
      }
    });
    expect(exact).toBe(1218);
  });

  it('builds a valid network: stem 96, reductions at cells 2 and 5, 512 channels into the classifier', () => {
    const g = validateGraph(nb301Graph(genotypes()[0]));
    expect(g.nodes[1]!.outC).toBe(96);
    const fc = g.nodes.at(-2)!;
    expect([fc.op, fc.inC, fc.inH, fc.outC]).toEqual(['matmul', 512, 1, 10]);
    expect(g.nodes.at(-3)!.inH).toBe(8);
  });

  it('affine op BNs add 2C params per op BN (DARTS evaluation network)', () => {
    const gt = genotypes()[0]!;
    const a = graphCost(nb301Graph(gt, { opBnAffine: true })).params;
    const b = graphCost(nb301Graph(gt)).params;
    expect(a).toBeGreaterThan(b);
  });

  it('rejects malformed genotypes with ArchError', () => {
    const g = genotypes()[0]!;
    const cases: unknown[] = [
      null,
      {},
      { ...g, normal: g.normal.slice(1) },
      { ...g, normal: [['conv_7x7', 0], ...g.normal.slice(1)] },
      { ...g, reduce: [...g.reduce.slice(0, 7), ['skip_connect', 5]] },
      { ...g, normal_concat: [1, 2] },
      { ...g, reduce_concat: [] },
    ];
    for (const c of cases) expect(() => nb301Graph(c)).toThrow(ArchError);
  });
});
