// What commands need from the outside world, injectable so tests capture output.
export interface CliContext {
  /** A line for standard output (results). */
  out(line: string): void;
  /** A line for standard error (progress, notices). */
  err(line: string): void;
  /** True when stderr is a terminal (progress bars redraw in place). */
  readonly interactive: boolean;
}

export const processContext: CliContext = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stderr.isTTY),
};
