// The README's TypeScript examples are what newcomers copy first: each ```ts block runs here as a
// separate program against the workspace packages, so an example that stops compiling or throws fails CI.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
// Inside the repository so `@cgnas/*` resolve through the workspace's node_modules.
const dir = join(root, 'test', '.readme-examples');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README examples', () => {
  it('has one example per package at least', () => {
    for (const pkg of ['native', 'cg-core', 'encoder', 'ensemble', 'search', 'hw-profiler', 'boltzmann']) {
      expect(
        examples.some((e) => e.includes(`from '@cgnas/${pkg}'`)),
        pkg,
      ).toBe(true);
    }
  });

  it.each(examples.map((code, i) => [i + 1, code] as const))(
    'example %i runs',
    (i, code) => {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `example-${i}.mts`);
      writeFileSync(file, code);
      const r = spawnSync(process.execPath, ['--conditions=@cgnas/source', '--import', 'tsx', file], {
        cwd: root,
        encoding: 'utf8',
        timeout: 240_000,
      });
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      // Every example prints what it computed; the comments in the README show the expected shape.
      expect(r.stdout.trim().length).toBeGreaterThan(0);
    },
    300_000,
  );
});
