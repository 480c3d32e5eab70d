import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { graphCost } from '../../graph/graph-cost.js';
import { validateGraph } from '../../graph/validate-graph.js';
import { ArchError } from '../arch-error.js';
import { DARTS_OPS, parseDartsGenotype } from './darts-genotype.js';
import { nb301Graph } from './nb301-graph.js';

/** Any 8 pairs with in-range inputs (duplicates allowed, as DARTS genotypes allow them). */
const cellArb = fc.tuple(
  ...Array.from({ length: 8 }, (_, k) =>
    fc.tuple(fc.constantFrom(...DARTS_OPS), fc.integer({ min: 0, max: 1 + (k >> 1) })),
  ),
);
const concatArb = fc.uniqueArray(fc.integer({ min: 2, max: 5 }), { minLength: 1, maxLength: 4 });
const genotypeArb = fc.record({ normal: cellArb, normal_concat: concatArb, reduce: cellArb, reduce_concat: concatArb });

// Heavy, data-wide checks: a generous timeout keeps them from flaking on a loaded machine.
describe('DARTS genotypes', { timeout: 30_000 }, () => {
  it('every random genotype builds a valid network (property)', () => {
    fc.assert(
      fc.property(genotypeArb, (g) => {
        const graph = validateGraph(nb301Graph(g, { layers: 5, channels: 8 }));
        expect(graphCost(graph).params).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('malformed genotypes get ArchError only (property)', () => {
    const broken = fc
      .tuple(genotypeArb, fc.constantFrom('normal', 'reduce', 'normal_concat', 'reduce_concat'), fc.jsonValue())
      .map(([g, key, v]) => ({ ...g, [key]: v }));
    const brokenPair = fc
      .tuple(genotypeArb, fc.nat(7), fc.jsonValue())
      .map(([g, k, v]) => ({ ...g, normal: g.normal.map((p, i) => (i === k ? v : p)) }));
    fc.assert(
      fc.property(fc.oneof(fc.anything(), broken, brokenPair), (value) => {
        try {
          parseDartsGenotype(value);
        } catch (e) {
          expect(e).toBeInstanceOf(ArchError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
