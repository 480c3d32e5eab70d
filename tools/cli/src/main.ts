// Entry point: runs the command tree and turns every outcome into an exit code.
import { CommanderError } from 'commander';

import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, formatError } from './cli-error.js';
import { processContext, type CliContext } from './context.js';
import { createProgram } from './program.js';

export async function main(argv: readonly string[], ctx: CliContext = processContext): Promise<number> {
  const program = createProgram(ctx);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exitCode 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    ctx.err(formatError(error));
    return error instanceof Error && error.name === 'CliUsageError' ? EXIT_USAGE : EXIT_FAILURE;
  }
}
