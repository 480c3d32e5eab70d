import { describe, expect, it } from 'vitest';

import { main } from '../main.js';
import { captureContext } from '../testing.js';

async function run(args: string[]) {
  const ctx = captureContext();
  const code = await main(['node', 'cgnas', ...args], ctx);
  return { code, err: ctx.stderr.join('\n') };
}

describe('cgnas evaluate transfer / train: bad input', () => {
  it('names an unknown target family, encoder or budget and fails before any training', async () => {
    // Typed library errors exit 1, malformed flags exit 2 (usage); both say what is wrong.
    const family = await run(['evaluate', 'transfer', '--targets', 'nb999']);
    expect(family.code).toBe(1);
    expect(family.err).toMatch(/nb999/);
    const encoder = await run(['evaluate', 'transfer', '--targets', 'nb201', '--encoder', 'gcn']);
    expect(encoder.code).toBe(1);
    expect(encoder.err).toMatch(/kgnn, kgnn\+features, cg-features/);
    const epochs = await run(['train', '--out', '/tmp/never-written', '--epochs', '0']);
    expect(epochs.code).toBe(2);
    expect(epochs.err).toMatch(/--epochs/);
    const seeds = await run(['evaluate', 'transfer', '--seeds', 'many']);
    expect(seeds.code).toBe(2);
    expect(seeds.err).toMatch(/--seeds/);
    const finetune = await run(['evaluate', 'transfer', '--finetune', 'nb301=1']);
    expect(finetune.code).toBe(1);
    expect(finetune.err).toMatch(/integer >= 2 .*"nb301=1"/);
  });
});
