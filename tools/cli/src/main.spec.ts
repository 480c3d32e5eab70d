import { describe, expect, it } from 'vitest';

import { main } from './main.js';
import { CLI_VERSION } from './program.js';
import { captureContext } from './testing.js';

describe('cgnas CLI', () => {
  it('--version prints the package version', async () => {
    const ctx = captureContext();
    expect(await main(['node', 'cgnas', '--version'], ctx)).toBe(0);
    expect(ctx.stdout.join('\n')).toBe(CLI_VERSION);
  });

  it('doctor --json reports the addon and the tfjs backend', async () => {
    const ctx = captureContext();
    expect(await main(['node', 'cgnas', 'doctor', '--json'], ctx)).toBe(0);
    const report = JSON.parse(ctx.stdout[0]!) as {
      native: { loaded: boolean; simd: string | null };
      tfBackend: string;
    };
    expect(report.native.loaded).toBe(process.env.CGNAS_NATIVE !== '0');
    if (report.native.loaded) expect(report.native.simd).toMatch(/avx|sse|neon|scalar/);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(report.tfBackend);
  });

  it('an unknown command is a usage error (exit 2), not a crash', async () => {
    const ctx = captureContext();
    expect(await main(['node', 'cgnas', 'no-such-command'], ctx)).toBe(2);
    expect(ctx.stderr.join('\n')).toMatch(/unknown command/);
  });
});
