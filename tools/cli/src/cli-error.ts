// How the CLI reports failures: typed errors from the packages become one readable line and an
// exit code; anything else is a bug and keeps its stack.

/** A usage error found by the CLI itself (bad flag combination, unreadable file). */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Typed errors from cgnas packages carry a `module.function:` prefix and a fix. */
export function isExpectedError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    (error instanceof CliUsageError || /^[a-z][\w-]*\.[\w.]+: /.test(error.message) || error.name.endsWith('Error'))
  );
}

export function formatError(error: unknown): string {
  if (error instanceof Error) {
    const known = error instanceof CliUsageError || /^[a-z][\w-]*\.[\w.]+: /.test(error.message);
    return known ? `cgnas: ${error.message}` : `cgnas: ${error.name}: ${error.message}\n${error.stack ?? ''}`;
  }
  return `cgnas: ${String(error)}`;
}
