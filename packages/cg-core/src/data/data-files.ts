// Reading the benchmark data shipped in the repository's data/ folder (plain or .gz), with typed
// errors that say which file is missing or malformed. Nothing is downloaded.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

import { parse } from 'csv-parse/sync';

/** A data file is missing, unreadable or does not have the expected layout. */
export class DataFileError extends Error {
  override readonly name = 'DataFileError';
}

/** The data folder: CGNAS_DATA_DIR, else `<repo>/data` (this file lives in packages/cg-core/{src,dist}/data). */
export function dataDir(): string {
  const fromEnv = process.env.CGNAS_DATA_DIR;
  if (fromEnv) return resolve(fromEnv);
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'data');
}

/** Absolute path of `relPath` under the data folder, preferring the plain file over its .gz. */
export function dataPath(relPath: string): string {
  const plain = join(dataDir(), relPath);
  if (existsSync(plain)) return plain;
  if (existsSync(`${plain}.gz`)) return `${plain}.gz`;
  throw new DataFileError(
    `cg-core.dataPath: ${relPath} (or ${relPath}.gz) is not in ${dataDir()}. ` +
      'Run from a cgnas checkout, or set CGNAS_DATA_DIR to the folder that holds the benchmark data.',
  );
}

/** Text of a file; `.gz` files are decompressed. */
export function readTextFile(path: string): string {
  try {
    const bytes = readFileSync(path);
    return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (error) {
    throw new DataFileError(
      `cg-core.readTextFile: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

const cache = new Map<string, unknown>();

/** Parses a data file once per process (the tables are read-only). */
export function cachedData<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}

/** CSV rows as objects keyed by the header, checking that `required` columns exist. */
export function parseCsv(text: string, source: string, required: readonly string[] = []): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (error) {
    throw new DataFileError(
      `cg-core.parseCsv: ${source} is not valid CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const first = rows[0];
  if (first) {
    const missing = required.filter((c) => !(c in first));
    if (missing.length > 0) {
      throw new DataFileError(`cg-core.parseCsv: ${source} lacks the columns ${missing.join(', ')}`);
    }
  }
  return rows;
}

/** One JSON value per non-empty line; a bad line is reported with its number. */
export function parseJsonl(text: string, source: string): unknown[] {
  const out: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    try {
      out.push(JSON.parse(line));
    } catch (error) {
      throw new DataFileError(
        `cg-core.parseJsonl: ${source} line ${i + 1} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return out;
}

/** Number from a CSV cell; empty or non-numeric cells become NaN (callers decide what that means). */
export function num(cell: string | undefined): number {
  if (cell === undefined || cell.trim() === '') return NaN;
  return Number(cell);
}
