// Flag values arrive as strings; these turn them into numbers or fail with a usage error (exit 2)
// that names the command, the flag and what was given.
import { CliUsageError } from '../cli-error.js';

/** An integer ≥ min (default 0); min = -Infinity accepts any safe integer (seeds may be negative). */
export function intOption(command: string, flag: string, value: string, min = 0): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < min) {
    const what = min === -Infinity ? 'an integer' : `an integer >= ${min}`;
    throw new CliUsageError(`cli.${command}: Expected ${what} for ${flag} but received ${value}`);
  }
  return n;
}

/** A finite number > 0. */
export function positiveOption(command: string, flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new CliUsageError(`cli.${command}: Expected a positive number for ${flag} but received ${value}`);
  }
  return n;
}
