import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { graphCost } from '../../graph/graph-cost.js';
import { validateGraph } from '../../graph/validate-graph.js';
import { ArchError } from '../arch-error.js';
import { nb101Graph } from './nb101-graph.js';
import { NB101_MAX_EDGES, NB101_OPS, pruneNb101 } from './nb101-spec.js';

const labelArb = fc.constantFrom('input', 'output', ...NB101_OPS, 'conv5x5', '');
const matrixArb = fc.integer({ min: 0, max: 8 }).chain((n) =>
  fc.tuple(
    fc.array(fc.array(fc.constantFrom(0, 1, 0, 1, 2, true, -1, 0.5), { minLength: n, maxLength: n }), {
      minLength: n,
      maxLength: n,
    }),
    fc.array(labelArb, { minLength: n, maxLength: n + 1 }),
  ),
);
/** Valid-looking specs: strictly upper-triangular 0/1 with the right labels, any edge count. */
const upperArb = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc
    .tuple(
      fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
      fc.array(fc.constantFrom(...NB101_OPS), { minLength: n - 2, maxLength: n - 2 }),
    )
    .map(([bits, ops]) => ({
      matrix: bits.map((row, i) => row.map((b, j) => (j > i && b ? 1 : 0))),
      ops: ['input', ...ops, 'output'],
    })),
);

// Heavy, data-wide checks: a generous timeout keeps them from flaking on a loaded machine.
describe('pruneNb101 / nb101Graph on invalid and random specs', { timeout: 30_000 }, () => {
  it('reject malformed matrices and labels with ArchError only (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          matrixArb.map(([matrix, ops]) => ({ matrix, ops })),
          fc.anything(),
        ),
        (spec) => {
          try {
            pruneNb101(spec as never);
          } catch (e) {
            expect(e).toBeInstanceOf(ArchError);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('build a valid network for every valid random cell, and ArchError otherwise (property)', () => {
    fc.assert(
      fc.property(upperArb, (spec) => {
        let pruned;
        try {
          pruned = pruneNb101(spec);
        } catch (e) {
          expect(e).toBeInstanceOf(ArchError);
          return;
        }
        expect(pruned.matrix.flat().reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(NB101_MAX_EDGES);
        const g = validateGraph(nb101Graph(spec));
        expect(graphCost(g).params).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});
