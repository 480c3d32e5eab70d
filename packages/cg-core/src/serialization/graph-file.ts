// Reading and writing CG files. Writes are atomic (a temp file in the same folder, then rename) so a crash
// never leaves a half-written graph where a good one was.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import type { ComputationGraph } from '../graph/computation-graph.js';
import { GraphFormatError } from './graph-format-error.js';
import { parseGraphJson, stringifyGraph } from './graph-json.js';

/** Writes text to `path` atomically. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw new GraphFormatError(
      `cg-core.writeFileAtomic: cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Writes a graph as pretty-printed `cgnas.cg` JSON, atomically. */
export function writeGraphFile(path: string, graph: ComputationGraph): void {
  writeFileAtomic(path, `${stringifyGraph(graph, 1)}\n`);
}

/** Reads and validates a `cgnas.cg` file. */
export function readGraphFile(path: string): ComputationGraph {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new GraphFormatError(
      `cg-core.readGraphFile: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseGraphJson(text, path);
}
