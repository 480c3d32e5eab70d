// The installed `cgnas` binary, run as a user runs it: a separate process on the built packages.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../tools/cli/bin/cgnas.js', import.meta.url));

function cgnas(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cgnas binary', () => {
  it('doctor reports the addon as loaded after npm ci', () => {
    const r = cgnas('doctor', '--json');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { native: { loaded: boolean } };
    expect(report.native.loaded).toBe(process.env.CGNAS_NATIVE !== '0');
  });

  it('exits 2 with a usage message on an unknown option', () => {
    const r = cgnas('doctor', '--no-such-flag');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option/);
  });
});
