import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { spearman } from '@cgnas/ensemble';
import { deviceDataset } from '@cgnas/hw-profiler';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';

import { captureContext } from '../testing.js';
import { registerBlocks } from './blocks.js';
import { registerLatency } from './latency.js';

function program(ctx: ReturnType<typeof captureContext>): Command {
  const root = new Command('cgnas').exitOverride();
  registerLatency(root, ctx);
  registerBlocks(root, ctx);
  return root;
}

describe('cgnas latency fit / predict', () => {
  it(
    'fits a held-out HELP device from 10 measured cells and ranks unseen cells well',
    { timeout: 60_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cgnas-latency-'));
      const ds = deviceDataset('nb201', 'silver_4210r');
      const fit = Array.from({ length: 10 }, (_, k) => 1531 * k + 17);
      writeFileSync(
        join(dir, 'm.csv'),
        `arch_str,latency_ms\n${fit.map((i) => `${ds.texts[i]},${ds.latencyMs[i]}`).join('\n')}\n`,
      );
      const test = Array.from({ length: 200 }, (_, k) => 77 * k + 5);
      writeFileSync(join(dir, 'in.txt'), `${test.map((i) => ds.texts[i]).join('\n')}\n`);
      const ctx = captureContext();
      await program(ctx).parseAsync([
        'node',
        'cgnas',
        'latency',
        'fit',
        '--space',
        'nb201',
        '--measured',
        join(dir, 'm.csv'),
        '--out',
        join(dir, 'p'),
        '--exclude',
        'silver_4210r',
      ]);
      await program(ctx).parseAsync([
        'node',
        'cgnas',
        'latency',
        'predict',
        '--model',
        join(dir, 'p'),
        '--in',
        join(dir, 'in.txt'),
        '--out',
        join(dir, 'pred.txt'),
      ]);
      const preds = readFileSync(join(dir, 'pred.txt'), 'utf8').trim().split('\n').map(Number);
      expect(preds).toHaveLength(200);
      expect(
        spearman(
          preds,
          test.map((i) => ds.latencyMs[i]!),
        ),
      ).toBeGreaterThan(0.9);
    },
  );

  it('rejects fewer than 10 measured networks and an unknown space', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgnas-latency-'));
    const ds = deviceDataset('nb201', 'fpga');
    writeFileSync(join(dir, 'm.csv'), `arch_str,latency_ms\n${[1, 2, 3].map((i) => `${ds.texts[i]},1`).join('\n')}\n`);
    const ctx = captureContext();
    await expect(
      program(ctx).parseAsync([
        'node',
        'cgnas',
        'latency',
        'fit',
        '--space',
        'nb201',
        '--measured',
        join(dir, 'm.csv'),
        '--out',
        join(dir, 'p'),
      ]),
    ).rejects.toThrow(/at least 10/);
    await expect(
      program(ctx).parseAsync(['node', 'cgnas', 'blocks', '--space', 'nb999', '--device', 'fpga']),
    ).rejects.toThrow(/--space/);
  });
});
