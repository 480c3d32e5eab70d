import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isingFromJson } from '@cgnas/boltzmann';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';

import { captureContext } from '../testing.js';
import { registerBm } from './bm.js';

function program(ctx: ReturnType<typeof captureContext>): Command {
  const root = new Command('cgnas').exitOverride();
  registerBm(root, ctx);
  return root;
}

describe('cgnas bm', () => {
  it(
    'writes a problem, samples it, and runs a small experiment with JSON lines and an SVG',
    { timeout: 60_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cgnas-bm-'));
      const ctx = captureContext();
      await program(ctx).parseAsync([
        'node',
        'cgnas',
        'bm',
        'problem',
        '--class',
        'hard',
        '--L',
        '1',
        '--out',
        join(dir, 'p.json'),
      ]);
      expect(isingFromJson(readFileSync(join(dir, 'p.json'), 'utf8')).n).toBe(8);
      await program(ctx).parseAsync([
        'node',
        'cgnas',
        'bm',
        'sample',
        join(dir, 'p.json'),
        '--method',
        'sa',
        '--chains',
        '16',
        '--sweeps',
        '50',
        '--json',
      ]);
      const sample = JSON.parse(ctx.stdout.at(-1)!) as { sweeps: number; min_energy: number };
      expect(sample.sweeps).toBe(50);
      expect(sample.min_energy).toBeLessThan(0);
      ctx.stdout.length = 0;
      await program(ctx).parseAsync([
        'node',
        'cgnas',
        'bm',
        'experiment',
        '--class',
        'easy',
        '--L',
        '1',
        '--iters',
        '5',
        '--estimators',
        'pcd,exact',
        '--chains',
        '100',
        '--k',
        '5',
        '--json',
        '--out',
        dir,
      ]);
      const lines = ctx.stdout.map(
        (l) =>
          JSON.parse(l) as { estimator: string; k: number; final_kl: number; mean_grad_error: number; seconds: number },
      );
      expect(lines.map((l) => l.estimator)).toEqual(['pcd', 'exact']);
      expect(lines[0]!.k).toBe(5);
      expect(lines[1]!.mean_grad_error).toBe(0);
      expect(lines.every((l) => l.final_kl >= 0 && Number.isFinite(l.seconds))).toBe(true);
      expect(existsSync(join(dir, 'bm-easy-L1-seed1.svg'))).toBe(true);
    },
  );

  it('rejects unknown estimators and classes as usage errors', async () => {
    const ctx = captureContext();
    await expect(
      program(ctx).parseAsync(['node', 'cgnas', 'bm', 'experiment', '--estimators', 'cd,magic']),
    ).rejects.toThrow(/estimators/);
    await expect(program(ctx).parseAsync(['node', 'cgnas', 'bm', 'experiment', '--class', 'medium'])).rejects.toThrow(
      /class/,
    );
  });
});
