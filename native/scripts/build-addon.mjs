#!/usr/bin/env node
// Builds the C++ engine with cmake-js against the local Node-API headers (no download).
// Runs as the package's install script during `npm ci`. A failed build must not fail the install:
// cgnas then runs on its JS kernels and `cgnas doctor` says why. `--strict` makes failure fatal.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const strict = process.argv.includes('--strict');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

if (process.env.CGNAS_SKIP_NATIVE_BUILD === '1') {
  console.log('[cgnas/native] CGNAS_SKIP_NATIVE_BUILD=1: not building the addon; the JS kernels will be used.');
  process.exit(0);
}

let cmakeJs;
try {
  cmakeJs = join(dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
} catch (error) {
  finish(`cmake-js is not installed (${error.message})`);
}

const args = [cmakeJs, 'compile', '--out', 'build', '--log-level', 'warn'];
console.log('[cgnas/native] building the C++ addon (cmake-js, Release, -O3 -march=native)...');
const unlock = lock();
const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
unlock();
if (result.status === 0) {
  console.log('[cgnas/native] addon built: native/build/Release/cgnas_native.node');
  process.exit(0);
}
finish(result.error ? result.error.message : `cmake-js exited with code ${result.status}`);

// Two builds in one build folder corrupt each other (parallel workspace tasks, two shells):
// a lock directory serialises them; a lock older than 15 minutes is taken as abandoned.
function lock() {
  const dir = join(root, '.build-lock');
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(dir);
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(dir).mtimeMs > 15 * 60_000) rmSync(dir, { recursive: true, force: true });
      } catch {
        // the other build released it meanwhile
      }
      if (Date.now() > deadline) finish('timed out waiting for another build of the addon (native/.build-lock)');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
}

function finish(reason) {
  const message =
    `[cgnas/native] could not build the addon: ${reason}. cgnas will run on its JS kernels (slower). ` +
    'Install g++ and cmake, then run `npm run build:addon -w @cgnas/native`.';
  if (strict) {
    console.error(message);
    process.exit(1);
  }
  console.warn(message);
  process.exit(0);
}
