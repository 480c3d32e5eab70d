import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { BoltzmannFormatError } from '../errors.js';
import { chimeraGraph } from './chimera-graph.js';
import { createIsingGraph, createIsingModel } from './ising-model.js';
import { isingFromJson, isingToJson } from './ising-json.js';

describe('isingToJson / isingFromJson', () => {
  it('round-trips random models exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.double({ min: -5, max: 5, noNaN: true })), { maxLength: 20 }),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 9, maxLength: 9 }),
        (n, raw, hs) => {
          const seen = new Set<string>();
          const edges: Array<[number, number]> = [];
          const J: number[] = [];
          for (const [a, b, w] of raw) {
            const i = a % n;
            const j = b % n;
            const k = `${Math.min(i, j)},${Math.max(i, j)}`;
            if (i === j || seen.has(k)) continue;
            seen.add(k);
            edges.push([i, j]);
            J.push(w);
          }
          const graph = createIsingGraph(n, edges);
          const byKey = new Map(edges.map(([i, j], e) => [`${Math.min(i, j)},${Math.max(i, j)}`, J[e]!]));
          const model = createIsingModel(
            graph,
            hs.slice(0, n),
            Array.from(graph.edgeI, (i, e) => byKey.get(`${i},${graph.edgeJ[e]}`)!),
          );
          const back = isingFromJson(isingToJson(model));
          expect(Array.from(back.edgeI)).toEqual(Array.from(model.edgeI));
          // JSON has no −0; every other value must come back bit-identical.
          expect(Array.from(back.J, (v) => v + 0)).toEqual(Array.from(model.J, (v) => v + 0));
          expect(Array.from(back.h, (v) => v + 0)).toEqual(Array.from(model.h, (v) => v + 0));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps each coupling with its edge when the file lists edges unsorted', () => {
    const m = isingFromJson('{"format":"cgnas-ising","version":1,"n":3,"edges":[[2,1],[0,1]],"h":[0,0,0],"J":[5,7]}');
    expect(Array.from(m.edgeI)).toEqual([0, 1]);
    expect(Array.from(m.J)).toEqual([7, 5]);
  });

  it('throws BoltzmannFormatError (only) on arbitrary or corrupted input', () => {
    const good = JSON.parse(
      isingToJson(createIsingModel(chimeraGraph(1), new Float64Array(8), new Float64Array(16))),
    ) as Record<string, unknown>;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          isingFromJson(text);
        } catch (error) {
          expect(error).toBeInstanceOf(BoltzmannFormatError);
        }
      }),
    );
    const corruptions: Array<Record<string, unknown>> = [
      { format: 'x' },
      { version: 2 },
      { n: 0 },
      { edges: [[0, 0]] },
      { edges: [[0, 99]] },
      { h: [1] },
      { J: [1, 2] },
      { J: 'x' },
    ];
    for (const c of corruptions)
      expect(() => isingFromJson(JSON.stringify({ ...good, ...c }))).toThrow(BoltzmannFormatError);
  });
});
