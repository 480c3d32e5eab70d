import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { graphCost, loadHelpOfaMbv3, loadNb101Sample, loadNb201, loadNb301Sample, readGraphFile } from '@cgnas/cg-core';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';

import { CliUsageError } from '../cli-error.js';
import { captureContext } from '../testing.js';
import { registerGraph } from './graph.js';

function run(args: string[]) {
  const ctx = captureContext();
  const root = new Command('cgnas').exitOverride();
  registerGraph(root, ctx);
  return { ctx, done: root.parseAsync(['node', 'cgnas', 'graph', ...args]) };
}

const dir = mkdtempSync(join(tmpdir(), 'cgnas-graph-cli-'));

describe('cgnas graph build/stats', () => {
  it('builds an NB-201 network to a file whose params match the benchmark', async () => {
    const row = loadNb201()[1]!;
    const out = join(dir, 'cg.json');
    const { ctx, done } = run(['build', '--family', 'nb201', '--arch', row.archStr, '--out', out]);
    await done;
    expect(graphCost(readGraphFile(out)).params).toBe(Math.round(row.paramsM * 1e6));
    expect(ctx.stdout[0]).toMatch(/nodes/);
  });

  it('builds NB-101 and NB-301 members from JSON and prints the document', async () => {
    const r = loadNb101Sample()[0]!;
    const a = run(['build', '--family', 'nb101', '--arch', JSON.stringify({ matrix: r.matrix, ops: r.ops })]);
    await a.done;
    expect(JSON.parse(a.ctx.stdout[0]!)).toMatchObject({ format: 'cgnas.cg', version: 1 });
    const g = loadNb301Sample()[0]!;
    const genotype = {
      normal: g.normal,
      normal_concat: g.normalConcat,
      reduce: g.reduce,
      reduce_concat: g.reduceConcat,
    };
    const b = run(['build', '--family', 'nb301', '--arch', JSON.stringify(genotype)]);
    await b.done;
    expect(JSON.parse(b.ctx.stdout[0]!).meta.family).toBe('nb301');
  });

  it('writes one stats line per member in input order, from data-file rows', async () => {
    const rows = loadNb201().slice(0, 5);
    const file = join(dir, 'nb201.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify({ arch_str: r.archStr, extra: 1 })).join('\n') + '\n');
    const { ctx, done } = run(['stats', '--family', 'nb201', '--in', file]);
    await done;
    expect(ctx.stdout).toHaveLength(5);
    ctx.stdout.forEach((line, i) => {
      const s = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(s)).toEqual(['nodes', 'edges', 'flops', 'params', 'hash']);
      expect(s.params).toBe(Math.round(rows[i]!.paramsM * 1e6));
    });
    const nb301 = join(dir, 'nb301.jsonl');
    const g = loadNb301Sample().slice(0, 3);
    writeFileSync(
      nb301,
      g
        .map((x) =>
          JSON.stringify({
            normal: x.normal,
            normal_concat: x.normalConcat,
            reduce: x.reduce,
            reduce_concat: x.reduceConcat,
          }),
        )
        .join('\n'),
    );
    const out = join(dir, 'stats.jsonl');
    const s = run(['stats', '--family', 'nb301', '--in', nb301, '--out', out]);
    await s.done;
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('reads OFA-MobileNetV3 rows in the HELP encoding (ks/e/d/r) and the largest subnet has the published 7.7M params', async () => {
    const rows = loadHelpOfaMbv3().slice(0, 4);
    const largest = { ks: Array<number>(20).fill(7), e: Array<number>(20).fill(6), d: [4, 4, 4, 4, 4], r: 224 };
    const file = join(dir, 'ofa.jsonl');
    const lines = [...rows.map((r) => ({ ...r.arch, latency_ms: r.latencyMs })), largest];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const { ctx, done } = run(['stats', '--family', 'ofa-mbv3', '--in', file]);
    await done;
    const stats = ctx.stdout.map(
      (l) => JSON.parse(l) as { nodes: number; flops: number; params: number; hash: string },
    );
    expect(stats).toHaveLength(5);
    // Reference: Cai et al., Once-for-All (ICLR 2020): the d234_e346_k357_w1.0 supernet has 7.7M parameters.
    expect(stats[4]!.params / 1e6).toBeGreaterThan(7.6);
    expect(stats[4]!.params / 1e6).toBeLessThan(7.8);
    // Depth decides the block count and resolution the FLOPs: deeper rows have more nodes, and every row
    // is a smaller network than the largest subnet.
    rows.forEach((r, i) => {
      expect(stats[i]!.params).toBeLessThan(stats[4]!.params);
      const depth = r.arch.d.reduce((a, b) => a + b, 0);
      expect(stats[i]!.nodes).toBeGreaterThan(depth * 6);
    });
    expect(new Set(stats.map((s) => s.hash)).size).toBe(5);
  });

  it('--dead-edges prune gives dead-edge variants of an NB-201 cell one hash', async () => {
    const file = join(dir, 'dead.jsonl');
    const a = '|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|';
    const b = '|avg_pool_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|';
    writeFileSync(file, `${JSON.stringify({ arch_str: a })}\n${JSON.stringify({ arch_str: b })}\n`);
    const zero = run(['stats', '--family', 'nb201', '--in', file]);
    await zero.done;
    const prune = run(['stats', '--family', 'nb201', '--in', file, '--dead-edges', 'prune']);
    await prune.done;
    const hashes = (lines: string[]) => lines.map((l) => (JSON.parse(l) as { hash: string }).hash);
    expect(new Set(hashes(zero.ctx.stdout)).size).toBe(2);
    expect(new Set(hashes(prune.ctx.stdout)).size).toBe(1);
    await expect(run(['stats', '--family', 'nb101', '--in', file, '--dead-edges', 'prune']).done).rejects.toThrow(
      CliUsageError,
    );
  });

  it('names the bad line in a typed error', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, `{"arch_str": "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"}\n{"arch_str": "|bogus~0|"}\n`);
    await expect(run(['stats', '--family', 'nb201', '--in', file]).done).rejects.toThrow(/line 2/);
    await expect(run(['stats', '--family', 'nb201', '--in', file]).done).rejects.toThrow(CliUsageError);
    writeFileSync(file, '{not json\n');
    await expect(run(['stats', '--family', 'nb201', '--in', file]).done).rejects.toThrow(/line 1/);
    await expect(run(['stats', '--family', 'nb999', '--in', file]).done).rejects.toThrow(CliUsageError);
  });
});
