import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Rng } from '@cgnas/native';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import { loadNb101Sample } from '../data/benchmark-data.js';
import { nb101Graph } from '../families/nb101/nb101-graph.js';
import { nb201Graph } from '../families/nb201/nb201-graph.js';
import { sampleNb201 } from '../families/nb201/nb201-space.js';
import { nb301Graph } from '../families/nb301/nb301-graph.js';
import { sampleNb301 } from '../families/nb301/nb301-space.js';
import { GraphValidationError } from '../graph/graph-errors.js';
import { graphHash } from '../identity/graph-hash.js';
import { CG_JSON_SCHEMA } from './cg-json-schema.js';
import { readGraphFile, writeGraphFile } from './graph-file.js';
import { GraphFormatError } from './graph-format-error.js';
import { graphToJson, parseGraphJson, stringifyGraph } from './graph-json.js';

const dir = mkdtempSync(join(tmpdir(), 'cgnas-cg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rng = new Rng(17);
const graphs = [
  nb201Graph(sampleNb201(rng)),
  nb201Graph(sampleNb201(rng), { deadEdges: 'prune' }),
  nb101Graph(loadNb101Sample()[7]!),
  nb301Graph(sampleNb301(rng)),
];

// Heavy, data-wide checks: a generous timeout keeps them from flaking on a loaded machine.
describe('CG JSON format', { timeout: 30_000 }, () => {
  it('round-trips CG → JSON → CG to an equal graph with an equal hash, also through a file', () => {
    for (const [i, g] of graphs.entries()) {
      const back = parseGraphJson(stringifyGraph(g));
      expect(back).toEqual(g);
      expect(graphHash(back)).toBe(graphHash(g));
      const path = join(dir, `g${i}.json`);
      writeGraphFile(path, g);
      expect(readGraphFile(path)).toEqual(g);
    }
    // Atomic writes leave no temp files behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('checks in the same schema it validates with', () => {
    const file = JSON.parse(readFileSync(new URL('./cg.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(file).toEqual(JSON.parse(JSON.stringify(CG_JSON_SCHEMA)));
  });

  it('rejects malformed JSON, other formats and versions, and unknown fields with GraphFormatError', () => {
    const doc = graphToJson(graphs[0]!);
    const text = JSON.stringify(doc);
    const bad: unknown[] = [
      text.slice(0, text.length / 2),
      '',
      '[]',
      JSON.stringify({ ...doc, format: 'onnx' }),
      JSON.stringify({ ...doc, version: 2 }),
      JSON.stringify({ ...doc, colour: 'red' }),
      JSON.stringify({ ...doc, meta: { ...doc.meta, owner: 'x' } }),
      JSON.stringify({ ...doc, nodes: doc.nodes.map((n, i) => (i === 3 ? { ...n, weight: 1 } : n)) }),
      JSON.stringify({ ...doc, nodes: doc.nodes.map((n, i) => (i === 3 ? { ...n, op: 'softmax' } : n)) }),
      JSON.stringify({ ...doc, edges: [[0, 1, 2]] }),
    ];
    for (const b of bad) expect(() => parseGraphJson(b)).toThrow(GraphFormatError);
    expect(() => readGraphFile(join(dir, 'missing.json'))).toThrow(GraphFormatError);
  });

  it('rejects well-formed documents of broken graphs with GraphValidationError', () => {
    const doc = graphToJson(graphs[0]!);
    const cyclic = { ...doc, edges: [...doc.edges, [5, 2]] };
    expect(() => parseGraphJson(JSON.stringify(cyclic))).toThrow(GraphValidationError);
    const shape = { ...doc, nodes: doc.nodes.map((n, i) => (i === 1 ? { ...n, outC: 7 } : n)) };
    expect(() => parseGraphJson(shape)).toThrow(GraphValidationError);
  });

  it('never crashes on arbitrary JSON values or mutated documents (property)', () => {
    const doc = graphToJson(graphs[0]!);
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.string()),
        fc.nat(doc.nodes.length - 1),
        fc.string({ maxLength: 8 }),
        fc.jsonValue(),
        (value, i, key, v) => {
          const mutated = { ...doc, nodes: doc.nodes.map((n, j) => (j === i ? { ...n, [key]: v } : n)) };
          for (const input of [value, mutated, JSON.stringify(value)]) {
            try {
              parseGraphJson(input);
            } catch (e) {
              expect(e instanceof GraphFormatError || e instanceof GraphValidationError).toBe(true);
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
