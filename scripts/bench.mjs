#!/usr/bin/env node
// `npm run bench -- <name>`: runs <pkg>/bench/<name>.bench.ts on the TypeScript sources and prints
// one JSON line per result. `npm run bench -- --list` lists the benchmarks.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const roots = ['native', ...['packages', 'tools'].flatMap((d) => readdirSync(join(root, d)).map((p) => join(d, p)))];
const benches = new Map();
for (const pkg of roots) {
  const dir = join(root, pkg, 'bench');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir)) {
    const m = /^(.+)\.bench\.ts$/.exec(file);
    if (m) benches.set(m[1], join(dir, file));
  }
}

const [name, ...rest] = process.argv.slice(2);
if (!name || name === '--list') {
  const list = [...benches.entries()].map(([n, f]) => `  ${n.padEnd(10)} ${relative(root, f)}`).join('\n');
  process.stderr.write(`usage: npm run bench -- <name> [args]\nbenchmarks:\n${list}\n`);
  process.exit(name ? 0 : 2);
}
const file = benches.get(name);
if (!file) {
  process.stderr.write(`bench: no benchmark named "${name}". Known: ${[...benches.keys()].join(', ')}\n`);
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  ['--conditions=@cgnas/source', '--import', 'tsx', '--expose-gc', file, ...rest],
  { cwd: root, stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
