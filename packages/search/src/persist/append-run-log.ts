// Appends every event of a run to a JSON-lines log, fsynced per generation (default: resume trusts
// the log only up to the last finished generation anyway) or per event; on resume, the events the log already holds
// are checked against the re-emitted ones (RNG checkpoints included) instead of being written twice.
import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';

import { defer, finalize, tap, type MonoTypeOperatorFunction } from 'rxjs';

import { RunLogError, SearchInputError } from '../errors.js';
import type { SearchEvent } from '../strategy/search-events.js';
import type { ResumePlan } from './read-run-log.js';

export interface AppendRunLogOptions {
  /** 'event': fsync after every line; 'generation': after each generation/front/done event. */
  readonly sync?: 'event' | 'generation';
  /** Continue this log (from `planResume`) instead of starting a new one. */
  readonly resume?: ResumePlan;
}

export const APPEND_RUN_LOG_DEFAULTS = { sync: 'generation' } as const;

function same(a: SearchEvent, b: SearchEvent): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'generation' && b.type === 'generation') {
    return a.generation === b.generation && a.queries === b.queries && a.rng.every((v, i) => v === b.rng[i]);
  }
  if (a.type === 'proposed' && b.type === 'proposed') return a.id === b.id && a.hash === b.hash;
  return true;
}

export function appendRunLog(path: string, options: AppendRunLogOptions = {}): MonoTypeOperatorFunction<SearchEvent> {
  const o = { ...APPEND_RUN_LOG_DEFAULTS, ...options };
  if (o.sync !== 'event' && o.sync !== 'generation') {
    throw new SearchInputError(
      `search.appendRunLog: Expected event or generation for sync but received ${String(o.sync)}`,
    );
  }
  return (source) =>
    defer(() => {
      const fd = openSync(path, o.resume ? 'r+' : 'w');
      let position = 0;
      if (o.resume) {
        ftruncateSync(fd, o.resume.keepBytes);
        position = o.resume.keepBytes;
      }
      let index = 0;
      const kept = o.resume?.kept ?? [];
      let dirty = false;
      return source.pipe(
        tap((event) => {
          const i = index++;
          if (i < kept.length) {
            if (!same(kept[i]!, event)) {
              throw new RunLogError(
                `search.appendRunLog: resuming ${path} diverged at event ${i} (${kept[i]!.type} vs ${event.type}); resume with the logged config and seed`,
              );
            }
            return;
          }
          position += writeSync(fd, `${JSON.stringify(event)}\n`, position);
          dirty = true;
          if (o.sync === 'event' || event.type === 'generation' || event.type === 'done') {
            fsyncSync(fd);
            dirty = false;
          }
        }),
        finalize(() => {
          if (dirty) fsyncSync(fd);
          closeSync(fd);
        }),
      );
    });
}
