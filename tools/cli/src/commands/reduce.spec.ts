import { Command } from 'commander';
import { describe, expect, it } from 'vitest';

import { CliUsageError } from '../cli-error.js';
import { captureContext } from '../testing.js';
import { registerReduce } from './reduce.js';

function program(ctx: ReturnType<typeof captureContext>): Command {
  const root = new Command('cgnas').exitOverride();
  registerReduce(root, ctx);
  return root;
}

describe('cgnas reduce', () => {
  it('runs on FBNet with ensemble-predicted accuracy and says so in the output', { timeout: 600_000 }, async () => {
    const ctx = captureContext();
    await program(ctx).parseAsync([
      'node',
      'cgnas',
      'reduce',
      '--space',
      'fbnet',
      '--device',
      'pixel3',
      '--budget',
      '20',
      '--seeds',
      '1',
      '--n',
      '60',
      '--epochs',
      '1',
      '--train-limit',
      '30',
      '--json',
    ]);
    const out = JSON.parse(ctx.stdout.join('\n')) as {
      accuracy: string;
      latency: string;
      reduced: string[];
      results: { variant: string; size: number; hypervolume: number }[];
    };
    expect(out.accuracy).toMatch(/^predicted accuracy .*GENNAPE ensemble/);
    expect(out.latency).toMatch(/^predicted latency on pixel3/);
    expect(out.reduced).toHaveLength(22);
    expect(out.results.map((r) => r.variant)).toEqual(['original', 'reduced', 'control']);
    expect(out.results[1]!.size).toBe(out.results[2]!.size);
  });

  it('rejects an unknown space', async () => {
    const ctx = captureContext();
    await expect(
      program(ctx).parseAsync(['node', 'cgnas', 'reduce', '--space', 'nb999', '--device', 'fpga']),
    ).rejects.toThrow(CliUsageError);
  });
});
