#!/usr/bin/env node
// The cgnas command. Runs the compiled CLI (built by `npm ci` via the root prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'cgnas: the CLI is not built yet. Run `npm run build` in the repository root, then try again.\n',
  );
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
