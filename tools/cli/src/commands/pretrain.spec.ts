import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { main } from '../main.js';
import { captureContext } from '../testing.js';

describe('cgnas pretrain / embed', () => {
  it('pretrains a tiny encoder, then embeds family encodings one line each', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgnas-cli-pretrain-'));
    const out = join(dir, 'model');
    const ctx = captureContext();
    const args = [
      'pretrain',
      '--families',
      'nb201',
      '--graphs',
      '16',
      '--epochs',
      '1',
      '--batch-size',
      '8',
      '--out',
      out,
    ];
    expect(await main(['node', 'cgnas', ...args], ctx), ctx.stderr.join('\n')).toBe(0);
    expect(existsSync(join(out, 'encoder', 'model.json'))).toBe(true);
    expect(existsSync(join(out, 'checkpoint', 'model.json'))).toBe(true);
    const summary = JSON.parse(readFileSync(join(out, 'pretrain.json'), 'utf8')) as { losses: number[] };
    expect(summary.losses).toHaveLength(1);
    expect(ctx.stderr.join('\n')).toMatch(/epoch 1\/1 \| loss \d/);

    const input = join(dir, 'in.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify({
          family: 'nb201',
          arch: '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|',
        }),
        '',
        JSON.stringify({
          family: 'nb201',
          arch: '|none~0|+|skip_connect~0|none~1|+|skip_connect~0|none~1|nor_conv_1x1~2|',
        }),
      ].join('\n'),
    );
    const e = captureContext();
    expect(await main(['node', 'cgnas', 'embed', '--model', out, '--in', input], e), e.stderr.join('\n')).toBe(0);
    expect(e.stdout).toHaveLength(2);
    const rows = e.stdout.map((l) => JSON.parse(l) as number[]);
    expect(rows.every((r) => r.length === 32 && r.every(Number.isFinite))).toBe(true);
    expect(rows[0]).not.toEqual(rows[1]);
  });

  it('bad input is a usage error, not a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgnas-cli-embed-'));
    const ctx = captureContext();
    expect(await main(['node', 'cgnas', 'pretrain', '--variant', 'C', '--out', dir], ctx)).toBe(2);
    expect(await main(['node', 'cgnas', 'pretrain', '--families', 'nope', '--out', dir], ctx)).toBe(2);
    const input = join(dir, 'bad.jsonl');
    writeFileSync(input, '{"family": "nb201", "arch": "not an arch"}\n');
    expect(await main(['node', 'cgnas', 'embed', '--model', dir, '--in', input], ctx)).not.toBe(0);
  });
});
