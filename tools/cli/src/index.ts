// @cgnas/cli as a library: run the command tree in-process (tests, embedding).
export { main } from './main.js';
export { createProgram, CLI_VERSION } from './program.js';
export { processContext, type CliContext } from './context.js';
export { CliUsageError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, formatError } from './cli-error.js';
export { doctorReport, type DoctorReport } from './commands/doctor.js';
