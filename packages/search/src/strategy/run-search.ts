// Runs a strategy against an evaluator as an Observable of SearchEvents: each round asks the
// strategy for candidates, serves isomorphic repeats from a cache (no query spent), evaluates the rest
// through the batching service operator, tells the strategy in proposal order (so results do not
// depend on completion order) and reports the generation, front and hypervolume.
import {
  EMPTY,
  Observable,
  concat,
  defer,
  from,
  isObservable,
  map,
  mergeMap,
  of,
  queueScheduler,
  repeat,
  subscribeOn,
  takeWhile,
} from 'rxjs';

import { SearchInputError } from '../errors.js';
import { ParetoArchive } from '../mo/pareto-archive.js';
import { batchService, type BatchCall, type BatchServiceOptions } from '../rx/batch-service.js';
import type { SearchSpace } from '../space/search-space.js';
import type { FrontPoint, ObjectiveSpec, RunConfig, SearchEvent } from './search-events.js';
import type { Evaluated, Strategy } from './strategy.js';

/** An evaluator is a batch service from architectures to objective vectors. */
export type Evaluator<A> = BatchCall<A, readonly number[]>;

/** A logged evaluation to reuse instead of querying again (resume). */
export interface ReplayedEvaluation {
  readonly hash: string;
  readonly objectives: readonly number[] | null;
  readonly error?: string;
}

export interface RunSearchOptions extends BatchServiceOptions {
  /** Queries (real evaluations) to spend. */
  readonly budget: number;
  readonly objectives: readonly ObjectiveSpec[];
  /** [min, max] per objective, to normalise the hypervolume; null reports no hypervolume. */
  readonly bounds?: readonly (readonly [number, number])[] | null;
  /** Emitted first as the `started` event (the log header). */
  readonly config?: RunConfig;
  /** Evaluations from an earlier, interrupted run of the same config, keyed by candidate id. */
  readonly replay?: ReadonlyMap<number, ReplayedEvaluation>;
  /** Ends a run whose strategy keeps proposing known archs after this many proposals. */
  readonly maxProposals?: number;
}

export const RUN_SEARCH_DEFAULTS = {
  batchSize: 16,
  batchTimeMs: 0,
  concurrency: 2,
  bounds: null,
  maxProposals: 0,
} as const;

interface Pending<A> {
  readonly id: number;
  readonly arch: A;
  readonly encoded: string;
  readonly hash: string;
}

interface Outcome {
  readonly objectives: readonly number[] | null;
  readonly error?: string;
}

function toObservable<T>(x: T | Promise<T> | Observable<T>): Observable<T> {
  if (isObservable(x)) return x;
  if (x instanceof Promise) return from(x);
  return of(x as T);
}

export function runSearch<A>(
  space: SearchSpace<A>,
  strategy: Strategy<A>,
  evaluator: Evaluator<A>,
  options: RunSearchOptions,
): Observable<SearchEvent> {
  const o = { ...RUN_SEARCH_DEFAULTS, ...options };
  if (!Number.isInteger(o.budget) || o.budget < 1) {
    throw new SearchInputError(`search.runSearch: Expected a positive integer for budget but received ${o.budget}`);
  }
  if (o.objectives.length === 0) {
    throw new SearchInputError('search.runSearch: Expected at least one objective but received []');
  }
  const maxProposals = o.maxProposals > 0 ? o.maxProposals : 50 * o.budget + 1000;

  return defer(() => {
    const archive = new ParetoArchive(o.objectives, o.bounds);
    const known = new Map<string, Outcome>();
    const replay = o.replay ?? new Map<number, ReplayedEvaluation>();
    const sign = o.objectives[0]!.sense === 'max' ? 1 : -1;
    let queries = 0;
    let proposals = 0;
    let generation = 0;
    let best: FrontPoint | null = null;
    let finished = false;
    let hypervolume: number | null = null;
    const isKnown = (h: string): boolean => known.has(h);

    const evaluate = (fresh: readonly Pending<A>[]): Observable<{ c: Pending<A>; out: Outcome }> => {
      const replayed = replay.size === 0 ? [] : fresh.filter((c) => replay.get(c.id)?.hash === c.hash);
      const live = replayed.length === 0 ? fresh : fresh.filter((c) => replay.get(c.id)?.hash !== c.hash);
      const fromLog = from(replayed).pipe(
        map((c) => {
          const r = replay.get(c.id)!;
          return {
            c,
            out: r.error !== undefined ? { objectives: r.objectives, error: r.error } : { objectives: r.objectives },
          };
        }),
      );
      const call: BatchCall<Pending<A>, readonly number[]> = (batch, signal) =>
        evaluator(
          batch.map((c) => c.arch),
          signal,
        );
      const fromEvaluator = from(live).pipe(
        batchService(call, o),
        map(({ input, result }) => ({
          c: input,
          out: result instanceof Error ? { objectives: null, error: result.message } : { objectives: result },
        })),
      );
      return concat(fromLog, fromEvaluator);
    };

    const finish = (reason: 'budget' | 'exhausted' | 'stalled'): SearchEvent => {
      finished = true;
      return {
        type: 'done',
        queries,
        generations: generation,
        reason,
        best,
        front: archive.front,
        hypervolume: archive.hypervolume(),
      };
    };

    const round = defer((): Observable<SearchEvent> => {
      if (finished) return EMPTY;
      if (queries >= o.budget) return of(finish('budget'));
      if (proposals >= maxProposals) return of(finish('stalled'));
      return toObservable(strategy.ask(o.budget - queries, isKnown)).pipe(
        mergeMap((archs): Observable<SearchEvent> => {
          if (archs.length === 0) return of(finish('exhausted'));
          generation++;
          const gen = generation;
          const batch: Pending<A>[] = archs.map((arch) => ({
            id: proposals++,
            arch,
            encoded: space.encode(arch),
            hash: space.hash(arch),
          }));
          // First occurrence of each unknown hash is evaluated; the rest wait for the cache.
          const fresh: Pending<A>[] = [];
          const inBatch = new Set<string>();
          for (const c of batch) {
            if (known.has(c.hash) || inBatch.has(c.hash)) continue;
            inBatch.add(c.hash);
            if (queries + fresh.length < o.budget) fresh.push(c);
          }
          const freshIds = new Set(fresh.map((c) => c.id));
          const outcomes = new Map<number, Outcome>();
          const proposed = from(batch).pipe(
            map((c): SearchEvent => ({ type: 'proposed', id: c.id, generation: gen, arch: c.encoded, hash: c.hash })),
          );
          const evaluated = evaluate(fresh).pipe(
            map(({ c, out }): SearchEvent => {
              queries++;
              outcomes.set(c.id, out);
              known.set(c.hash, out);
              return out.error === undefined
                ? {
                    type: 'evaluated',
                    id: c.id,
                    generation: gen,
                    arch: c.encoded,
                    hash: c.hash,
                    objectives: out.objectives,
                    cached: false,
                    queries,
                  }
                : {
                    type: 'evaluated',
                    id: c.id,
                    generation: gen,
                    arch: c.encoded,
                    hash: c.hash,
                    objectives: out.objectives,
                    error: out.error,
                    cached: false,
                    queries,
                  };
            }),
          );
          const close = defer((): Observable<SearchEvent> => {
            const events: SearchEvent[] = [];
            const told: Evaluated<A>[] = [];
            let frontChanged = false;
            for (const c of batch) {
              let out = outcomes.get(c.id);
              if (!out) {
                const cached = known.get(c.hash);
                if (!cached) continue; // over budget: never evaluated, not told
                out = cached;
                events.push({
                  type: 'evaluated',
                  id: c.id,
                  generation: gen,
                  arch: c.encoded,
                  hash: c.hash,
                  objectives: out.objectives,
                  ...(out.error !== undefined ? { error: out.error } : {}),
                  cached: true,
                  queries,
                });
              }
              told.push({ id: c.id, arch: c.arch, hash: c.hash, objectives: out.objectives });
              if (out.objectives && freshIds.has(c.id)) {
                const point: FrontPoint = { id: c.id, arch: c.encoded, objectives: out.objectives };
                if (archive.add(point)) frontChanged = true;
                if (!best || sign * (out.objectives[0]! - best.objectives[0]!) > 0) best = point;
              }
            }
            strategy.tell(told);
            if (frontChanged) hypervolume = archive.hypervolume();
            if (frontChanged) {
              events.push({ type: 'front-updated', generation: gen, queries, front: archive.front, hypervolume });
            }
            events.push({
              type: 'generation',
              generation: gen,
              queries,
              best: best ? best.objectives[0]! : null,
              frontSize: archive.front.length,
              hypervolume,
              rng: strategy.rng.getState(),
            });
            return from(events);
          });
          return concat(proposed, evaluated, close);
        }),
      );
    });

    const started: Observable<SearchEvent> = o.config ? of({ type: 'started', config: o.config }) : EMPTY;
    // queueScheduler trampolines synchronous rounds, so long runs with instant evaluators keep a flat stack.
    const rounds = round.pipe(
      subscribeOn(queueScheduler),
      repeat(),
      takeWhile((e) => e.type !== 'done', true),
    );
    return concat(started, rounds);
  });
}
