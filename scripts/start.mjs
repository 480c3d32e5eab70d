#!/usr/bin/env node
// `npm start`: the README's main command. Installs (npm ci, which builds the C++ addon and the
// TypeScript) when needed, then runs `cgnas demo` on the data shipped in data/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// node_modules/.package-lock.json is written by every install: older than the lock file = stale.
const installed = join(root, 'node_modules', '.package-lock.json');
const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(join(root, 'package-lock.json')).mtimeMs;
if (stale) {
  console.log('cgnas: installing dependencies and building (npm ci)...');
  run(npm, ['ci']);
} else if (!existsSync(join(root, 'tools', 'cli', 'dist', 'main.js'))) {
  run(npm, ['run', 'build']);
}
const args = process.argv.slice(2);
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
console.log(`cgnas ${version}: running the demo on the embedded data`);
run(process.execPath, [join(root, 'tools', 'cli', 'bin', 'cgnas.js'), 'demo', ...args]);
