import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { loadNb101Sample, loadNb201 } from '../data/benchmark-data.js';
import { nb101Graph } from '../families/nb101/nb101-graph.js';
import { nb101Hash } from '../families/nb101/nb101-hash.js';
import { formatNb201Arch, parseNb201Arch } from '../families/nb201/nb201-arch.js';
import { nb201Graph } from '../families/nb201/nb201-graph.js';
import { sampleNb201 } from '../families/nb201/nb201-space.js';
import { nb301Graph } from '../families/nb301/nb301-graph.js';
import { sampleNb301 } from '../families/nb301/nb301-space.js';
import type { ComputationGraph } from '../graph/computation-graph.js';
import { validateGraph } from '../graph/validate-graph.js';
import { canonicalGraph } from './canonical-graph.js';
import { graphHash } from './graph-hash.js';

/** The same graph with nodes renumbered in a random topological order. */
function renumber(g: ComputationGraph, rng: Rng): ComputationGraph {
  const n = g.nodes.length;
  const indeg = new Array<number>(n).fill(0);
  const succ: number[][] = g.nodes.map(() => []);
  for (const [s, d] of g.edges) {
    indeg[d]!++;
    succ[s]!.push(d);
  }
  const ready = indeg.flatMap((d, i) => (d === 0 ? [i] : []));
  const order: number[] = [];
  while (ready.length > 0) {
    const v = ready.splice(rng.int(ready.length), 1)[0]!;
    order.push(v);
    for (const w of succ[v]!) if (--indeg[w]! === 0) ready.push(w);
  }
  const id = new Array<number>(n);
  order.forEach((old, i) => (id[old] = i));
  return {
    nodes: order.map((old, i) => ({ ...g.nodes[old]!, id: i })),
    edges: g.edges.map(([s, d]) => [id[s]!, id[d]!] as const).sort((a, b) => a[1] - b[1] || a[0] - b[0]),
    meta: g.meta,
  };
}

const strip = (g: ComputationGraph) => ({ nodes: g.nodes, edges: g.edges });

/**
 * Independent reference: NAS-Bench-201's `Structure.to_unique_str(consider_zero=True)` (a cell as a sorted
 * expression tree; skip passes its input's string, none or a zero input gives '#'). With `dropZero` the '#'
 * terms are removed from sums, which makes it a string of the function the cell computes.
 */
function nb201UniqueStr(arch: string, dropZero: boolean): string {
  const ops = parseNb201Arch(arch);
  const nodes = ['0'];
  let e = 0;
  for (let d = 1; d <= 3; d++) {
    let terms: string[] = [];
    for (let s = 0; s < d; s++, e++) {
      const op = ops[e]!;
      terms.push(op === 'none' || nodes[s] === '#' ? '#' : op === 'skip_connect' ? nodes[s]! : `(${nodes[s]})@${op}`);
    }
    if (dropZero) {
      terms = terms.filter((t) => t !== '#');
      if (terms.length === 0) terms = ['#'];
    }
    nodes.push(terms.sort().join('+'));
  }
  return nodes[3]!;
}

// Heavy, data-wide checks: a generous timeout keeps them from flaking on a loaded machine.
describe('graphHash and canonicalGraph', { timeout: 30_000 }, () => {
  it('are invariant under renumbering the nodes (NB-101, NB-201, NB-301 networks)', () => {
    const rng = new Rng(21);
    const graphs = [
      nb101Graph(loadNb101Sample()[3]!),
      nb201Graph(sampleNb201(rng)),
      nb201Graph(sampleNb201(rng), { deadEdges: 'prune' }),
      nb301Graph(sampleNb301(rng)),
    ];
    for (const g of graphs) {
      const h = graphHash(g);
      const canon = canonicalGraph(g);
      validateGraph(canon);
      for (let t = 0; t < 3; t++) {
        const p = renumber(g, rng);
        validateGraph(p);
        expect(graphHash(p)).toBe(h);
        expect(strip(canonicalGraph(p))).toEqual(strip(canon));
      }
    }
  });

  it('tells 300 different NB-201 networks apart; NB-101 network keys refine the cell keys', () => {
    const rng = new Rng(8);
    const archs = new Set(Array.from({ length: 300 }, () => sampleNb201(rng)));
    const hashes = new Set([...archs].map((a) => graphHash(nb201Graph(a))));
    expect(hashes.size).toBe(archs.size);
    // Isomorphic NB-101 cells can still differ as networks: compute_vertex_channels gives the +1 channels of an
    // uneven split to the lowest-numbered output vertices, so the network key may split a cell key, never merge.
    const cellOf = new Map<string, string>();
    for (const r of loadNb101Sample()) {
      const key = graphHash(nb101Graph(r));
      const cell = nb101Hash(r);
      expect(cellOf.get(key) ?? cell).toBe(cell);
      cellOf.set(key, cell);
    }
    expect(new Set(cellOf.values()).size).toBe(new Set(loadNb101Sample().map((r) => nb101Hash(r))).size);
  });

  it('collapses NB-201 strings that differ only on dead edges when dead edges are pruned', () => {
    const a = '|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|';
    const b = '|avg_pool_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|';
    expect(graphHash(nb201Graph(a, { deadEdges: 'prune' }))).toBe(graphHash(nb201Graph(b, { deadEdges: 'prune' })));
    expect(graphHash(nb201Graph(a))).not.toBe(graphHash(nb201Graph(b)));
  });

  it("the reference reproduces NB-201's 6,466 unique cells; equal pruned-CG keys always mean equal functions", () => {
    const archs = loadNb201().map((r) => r.archStr);
    expect(new Set(archs.map((a) => nb201UniqueStr(a, false))).size).toBe(6466);
    // Soundness on a seeded sample: a key never merges two different functions. (The CG is a DAG, so it keeps
    // apart cells whose expression trees agree but share or duplicate a sub-computation: 6,334 keys over all
    // 15,625 cells versus 5,390 functions.)
    const rng = new Rng(3);
    const functionOf = new Map<string, string>();
    for (let i = 0; i < 1500; i++) {
      const a = archs[rng.int(archs.length)]!;
      const key = graphHash(nb201Graph(a, { deadEdges: 'prune' }));
      const f = nb201UniqueStr(a, true);
      expect(functionOf.get(key) ?? f).toBe(f);
      functionOf.set(key, f);
    }
  });

  it('collapses NB-201 cells that are the same DAG with nodes 1 and 2 swapped', () => {
    const rng = new Rng(6);
    for (let t = 0; t < 50; t++) {
      const [a, b, , c, d, e] = parseNb201Arch(sampleNb201(rng));
      const one = formatNb201Arch([a, b, 'none', c, d, e]);
      const swapped = formatNb201Arch([b, a, 'none', c, e, d]);
      expect(graphHash(nb201Graph(one, { deadEdges: 'prune' }))).toBe(
        graphHash(nb201Graph(swapped, { deadEdges: 'prune' })),
      );
    }
  });

  it('sees edge direction and shapes', () => {
    const g = nb201Graph('|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|');
    const h = nb201Graph('|nor_conv_1x1~0|+|nor_conv_3x3~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|');
    expect(graphHash(g)).not.toBe(graphHash(h));
    const wider = nb201Graph('|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|', {
      dataset: 'cifar100',
    });
    expect(graphHash(wider)).not.toBe(graphHash(g));
  });
});
