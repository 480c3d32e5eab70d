// Assembles the cgnas command tree. Each command lives in src/commands/<name>.ts and registers itself here.
import { readFileSync } from 'node:fs';

import { Command } from 'commander';

import type { CliContext } from './context.js';
import { registerDoctor } from './commands/doctor.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const CLI_VERSION: string = pkg.version;

export function createProgram(ctx: CliContext): Command {
  const program = new Command('cgnas')
    .description(
      'Predict neural-network accuracy before training, search networks under hardware budgets, and train Boltzmann machines.',
    )
    .version(CLI_VERSION, '-V, --version', 'print the cgnas version')
    .showHelpAfterError('(run `cgnas --help` for usage)')
    .configureOutput({
      writeOut: (s) => ctx.out(s.replace(/\n$/, '')),
      writeErr: (s) => ctx.err(s.replace(/\n$/, '')),
    })
    .exitOverride();
  registerDoctor(program, ctx);
  return program;
}
