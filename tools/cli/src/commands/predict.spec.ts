import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { main } from '../main.js';
import { captureContext } from '../testing.js';

describe('cgnas train / predict', () => {
  it('trains a small model, then ranks NB-201 and NB-101 networks from a JSONL file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgnas-predict-'));
    const model = join(dir, 'model');
    const train = captureContext();
    expect(
      await main(
        ['node', 'cgnas', 'train', '--families', 'nb101', '--epochs', '1', '--pretrain-epochs', '1', '--out', model],
        train,
      ),
    ).toBe(0);
    expect(train.stdout.join('\n')).toMatch(/model written/);

    const file = join(dir, 'nets.jsonl');
    const lines = [
      { arch_str: '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|' },
      { arch_str: '|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|' },
      {
        matrix: [
          [0, 1, 1],
          [0, 0, 1],
          [0, 0, 0],
        ],
        ops: ['input', 'conv3x3-bn-relu', 'output'],
      },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const ctx = captureContext();
    expect(await main(['node', 'cgnas', 'predict', '--model', model, '--json', file], ctx)).toBe(0);
    const rows = ctx.stdout.map(
      (l) => JSON.parse(l) as { rank: number; predicted_accuracy: number; flops: number; params: number },
    );
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.rank).sort()).toEqual([1, 2, 3]);
    for (const r of rows) {
      expect(Number.isFinite(r.predicted_accuracy)).toBe(true);
      expect(r.flops).toBeGreaterThan(0);
    }
    // The all-conv cell has more FLOPs than the all-pool one.
    expect(rows[0]!.flops).toBeGreaterThan(rows[1]!.flops);

    // A model directory from another format version is refused with a typed error.
    const manifest = join(model, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), formatVersion: 0 }));
    const bad = captureContext();
    expect(await main(['node', 'cgnas', 'predict', '--model', model, file], bad)).toBe(1);
    expect(bad.stderr.join('\n')).toMatch(/format version/);
  }, 120_000);

  it('rejects unknown family names and unreadable inputs', async () => {
    const ctx = captureContext();
    expect(await main(['node', 'cgnas', 'evaluate', 'transfer', '--targets', 'nb999'], ctx)).not.toBe(0);
    expect(ctx.stderr.join('\n')).toMatch(/nb999/);
    const ctx2 = captureContext();
    expect(await main(['node', 'cgnas', 'predict', '--model', '/nonexistent', '/nonexistent/x.jsonl'], ctx2)).toBe(2);
  });
});
