import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { main } from '../main.js';
import { captureContext } from '../testing.js';

const dir = mkdtempSync(join(tmpdir(), 'cgnas-cli-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cgnas search', () => {
  it('runs REA with a log, prints JSON and writes the best-so-far plot', async () => {
    const ctx = captureContext();
    const log = join(dir, 'rea.jsonl');
    const code = await main(
      [
        'node',
        'cgnas',
        'search',
        '--strategy',
        'rea',
        '--population',
        '10',
        '--budget',
        '30',
        '--seed',
        '2',
        '--log',
        log,
        '--json',
        '--out',
        dir,
      ],
      ctx,
    );
    expect(code).toBe(0);
    const result = JSON.parse(ctx.stdout.at(-1)!) as {
      type: string;
      queries: number;
      oracleQueries: number;
      best: { objectives: number[] };
    };
    expect(result).toMatchObject({ type: 'done', queries: 30, oracleQueries: 30 });
    expect(ctx.stderr.some((l) => /queries \d+\/30 {2}best acc/.test(l))).toBe(true);
    expect(readFileSync(join(dir, 'best-so-far.svg'), 'utf8')).toContain('<svg');
    expect(readFileSync(log, 'utf8').trimEnd().split('\n').length).toBeGreaterThan(60);

    // Resuming a finished log replays it without new queries and reports the same result.
    const again = captureContext();
    expect(await main(['node', 'cgnas', 'search', '--resume', log, '--json'], again)).toBe(0);
    const resumed = JSON.parse(again.stdout.at(-1)!) as typeof result;
    expect(resumed.best).toEqual(result.best);
    expect(resumed.oracleQueries).toBe(0);
  });

  it('plots the Pareto front for NSGA-II on accuracy and Pixel 3 latency', async () => {
    const ctx = captureContext();
    const out = join(dir, 'mo');
    const code = await main(
      [
        'node',
        'cgnas',
        'search',
        '--strategy',
        'nsga2',
        '--objectives',
        'acc,latency:pixel3',
        '--budget',
        '24',
        '--population',
        '8',
        '--out',
        out,
      ],
      ctx,
    );
    expect(code).toBe(0);
    expect(existsSync(join(out, 'pareto-front.svg'))).toBe(true);
    expect(ctx.stdout.join('\n')).toMatch(/hypervolume 0\.\d{4}/);
  });

  it('fails with a typed error when --model is not a model directory', async () => {
    const ctx = captureContext();
    expect(await main(['node', 'cgnas', 'search', '--model', join(dir, 'none'), '--budget', '5'], ctx)).toBe(1);
    expect(ctx.stderr.join('\n')).toMatch(/^cgnas: ensemble\./);
  });

  it('reports bad flags as usage errors (exit 2)', async () => {
    for (const argv of [
      ['--strategy', 'annealing'],
      ['--space', 'nb999'],
      ['--budget', '0'],
      ['--strategy', 'nsga2', '--objectives', 'acc'],
      ['--strategy', 'rea', '--model', join(dir, 'none')],
    ]) {
      const ctx = captureContext();
      expect(await main(['node', 'cgnas', 'search', ...argv], ctx)).toBe(2);
      expect(ctx.stderr.join('\n')).toMatch(/^cgnas: cli\.search: /);
    }
  });
});
