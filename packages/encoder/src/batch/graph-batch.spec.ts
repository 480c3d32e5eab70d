import { GraphBuilder, graphFeatures, opIndex } from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { EncoderInputError } from '../errors.js';
import { randomFeatures } from '../testing/random-features.js';
import { batchGraphs } from './graph-batch.js';
import { NODE_VOCABULARY } from './node-vocabulary.js';

function sortedPairs(ptr: Int32Array, idx: Int32Array): string[] {
  const out: string[] = [];
  for (let r = 0; r + 1 < ptr.length; r++) for (let e = ptr[r]!; e < ptr[r + 1]!; e++) out.push(`${r}:${idx[e]}`);
  return out.sort();
}

describe('batchGraphs', () => {
  it('offsets, node → graph index and both CSRs describe the disjoint union (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 6 }), fc.integer(), (sizes, seed) => {
        const rng = new Rng(seed);
        const graphs = sizes.map((n) => randomFeatures(rng, n));
        const b = batchGraphs(graphs);
        const preds: string[] = [];
        const succs: string[] = [];
        let base = 0;
        graphs.forEach((g, gi) => {
          expect(b.graphOffsets[gi]).toBe(base);
          for (let i = 0; i < g.numNodes; i++) expect(b.nodeGraph[base + i]).toBe(gi);
          for (let e = 0; e < g.edgeSrc.length; e++) {
            preds.push(`${g.edgeDst[e]! + base}:${g.edgeSrc[e]! + base}`);
            succs.push(`${g.edgeSrc[e]! + base}:${g.edgeDst[e]! + base}`);
          }
          base += g.numNodes;
        });
        expect(b.numNodes).toBe(base);
        expect(b.graphOffsets[graphs.length]).toBe(base);
        expect(sortedPairs(b.predPtr, b.predIdx)).toEqual(preds.sort());
        expect(sortedPairs(b.succPtr, b.succIdx)).toEqual(succs.sort());
      }),
      { numRuns: 60 },
    );
  });

  it('maps a conv with bias to op, kernel and bias rows, and a relu to its op row only', () => {
    const gb = new GraphBuilder({ family: 'custom' });
    const x = gb.input(8, 8, 3);
    const y = gb.relu(gb.conv(x, { outC: 4, k: 3, bias: true }));
    gb.output(y);
    const f = graphFeatures(gb.build());
    const b = batchGraphs([f]);
    const v = NODE_VOCABULARY;
    const rows = (i: number): number[] => Array.from(b.embedIdx.subarray(i * v.cols, (i + 1) * v.cols));
    const conv = Array.from(f.opIndex).indexOf(opIndex('conv'));
    expect(rows(conv)).toEqual([f.opIndex[conv], v.kernelHBase + 3, v.kernelWBase + 3, v.biasRow]);
    const relu = Array.from(f.opIndex).indexOf(opIndex('relu'));
    expect(relu).toBeGreaterThan(0);
    expect(rows(relu)).toEqual([f.opIndex[relu], -1, -1, -1]);
  });

  it('rejects inconsistent features with EncoderInputError', () => {
    const g = randomFeatures(new Rng(1), 5);
    expect(() => batchGraphs([{ ...g, edgeDst: Int32Array.of(9, ...g.edgeDst.subarray(1)) }])).toThrow(
      EncoderInputError,
    );
    expect(() => batchGraphs([{ ...g, shape: new Float32Array(3) }])).toThrow(EncoderInputError);
    expect(() => batchGraphs([{ ...g, numNodes: -1 }])).toThrow(EncoderInputError);
  });
});
