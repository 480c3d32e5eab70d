// Reads a JSON-lines run log and plans its resumption: the log is cut back to the last finished
// generation (a torn last line from a crash is dropped), every paid-for evaluation is kept for replay,
// and the kept generations' RNG checkpoints let the resumed run prove it retraces the same path.
import { existsSync, readFileSync } from 'node:fs';

import { RunLogError } from '../errors.js';
import type { ReplayedEvaluation } from '../strategy/run-search.js';
import type { RunConfig, SearchEvent } from '../strategy/search-events.js';

export interface ResumePlan {
  readonly config: RunConfig;
  /** Evaluations already paid for, keyed by candidate id. */
  readonly replay: ReadonlyMap<number, ReplayedEvaluation>;
  /** Events (from the top) that the resumed run re-emits and the log already holds. */
  readonly keepEvents: number;
  /** Byte length of those events in the file (the log is truncated here before appending). */
  readonly keepBytes: number;
  /** The kept events, for checking the resumed run against them. */
  readonly kept: readonly SearchEvent[];
  /** True when the log already ends with a `done` event. */
  readonly finished: boolean;
}

const EVENT_TYPES = new Set(['started', 'proposed', 'evaluated', 'generation', 'front-updated', 'done']);

/** Parsed events and the byte offset after each complete line; a torn final line is ignored. */
export function readRunLog(path: string): { events: SearchEvent[]; ends: number[] } {
  if (!existsSync(path)) {
    throw new RunLogError(`search.readRunLog: no run log at ${path}; pass the --log file of an earlier run`);
  }
  const buf = readFileSync(path);
  const events: SearchEvent[] = [];
  const ends: number[] = [];
  let start = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    if (nl < 0) break; // torn tail: the crash hit mid-write
    const line = buf.subarray(start, nl).toString('utf8');
    let event: SearchEvent;
    try {
      event = JSON.parse(line) as SearchEvent;
    } catch {
      throw new RunLogError(
        `search.readRunLog: ${path} byte ${start} is not JSON; the log is corrupt, start a new run`,
      );
    }
    if (!EVENT_TYPES.has((event as { type?: string }).type ?? '')) {
      throw new RunLogError(`search.readRunLog: ${path} byte ${start} is not a search event; pass a cgnas search log`);
    }
    events.push(event);
    start = nl + 1;
    ends.push(start);
  }
  return { events, ends };
}

export function planResume(path: string): ResumePlan {
  const { events, ends } = readRunLog(path);
  const first = events[0];
  if (!first || first.type !== 'started') {
    throw new RunLogError(`search.planResume: ${path} does not start with a started event; it cannot be resumed`);
  }
  let keepEvents = 1;
  const replay = new Map<number, ReplayedEvaluation>();
  events.forEach((e, i) => {
    if (e.type === 'generation') keepEvents = i + 1;
    if (e.type === 'evaluated' && !e.cached) {
      replay.set(
        e.id,
        e.error !== undefined
          ? { hash: e.hash, objectives: e.objectives, error: e.error }
          : { hash: e.hash, objectives: e.objectives },
      );
    }
  });
  const finished = events.some((e) => e.type === 'done');
  if (finished) keepEvents = events.length;
  return {
    config: first.config,
    replay,
    keepEvents,
    keepBytes: ends[keepEvents - 1]!,
    kept: events.slice(0, keepEvents),
    finished,
  };
}
