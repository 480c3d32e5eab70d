// Turns a batch-at-a-time service (an evaluator, a predictor, a remote endpoint) into an RxJS
// operator: requests are grouped with bufferCount/bufferTime, batches run with bounded concurrency,
// a failed batch or item becomes a per-item Error (the stream goes on), and unsubscribing aborts
// in-flight calls through their AbortSignal.
import {
  Observable,
  bufferCount,
  bufferTime,
  catchError,
  filter,
  from,
  isObservable,
  map,
  mergeMap,
  of,
  type OperatorFunction,
} from 'rxjs';

import { SearchInputError } from '../errors.js';

/** What a service returns for one batch: one result or Error per input, in input order. */
export type BatchOutput<O> = readonly (O | Error)[];

/** A batch call may answer synchronously, with a Promise, or with an Observable (emitting once). */
export type BatchCall<I, O> = (
  batch: readonly I[],
  signal: AbortSignal,
) => BatchOutput<O> | Promise<BatchOutput<O>> | Observable<BatchOutput<O>>;

export interface BatchServiceOptions {
  /** Largest batch handed to the service. */
  readonly batchSize?: number;
  /** When > 0, a batch is also closed after this many ms (bufferTime); otherwise only by size. */
  readonly batchTimeMs?: number;
  /** Batches in flight at once. */
  readonly concurrency?: number;
}

export const BATCH_SERVICE_DEFAULTS: Required<BatchServiceOptions> = {
  batchSize: 16,
  batchTimeMs: 0,
  concurrency: 2,
};

export interface BatchResult<I, O> {
  readonly input: I;
  readonly result: O | Error;
}

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

function isThenable<T>(x: unknown): x is PromiseLike<T> {
  return typeof (x as { then?: unknown } | null)?.then === 'function';
}

/** One call of the service as a cold Observable whose teardown aborts the call. */
function callOnce<I, O>(call: BatchCall<I, O>, batch: readonly I[]): Observable<BatchOutput<O>> {
  // Hand-written because the AbortController must live exactly as long as the subscription.
  return new Observable<BatchOutput<O>>((subscriber) => {
    const controller = new AbortController();
    let out: ReturnType<BatchCall<I, O>>;
    try {
      out = call(batch, controller.signal);
    } catch (e) {
      subscriber.error(e);
      return undefined;
    }
    const source = isObservable(out) ? out : isThenable<BatchOutput<O>>(out) ? from(out) : of(out);
    let finished = false;
    const sub = source.subscribe({
      next: (v) => subscriber.next(v),
      error: (e: unknown) => {
        finished = true;
        subscriber.error(e);
      },
      complete: () => {
        finished = true;
        subscriber.complete();
      },
    });
    return () => {
      sub.unsubscribe();
      if (!finished) controller.abort();
    };
  });
}

export function batchService<I, O>(
  call: BatchCall<I, O>,
  options: BatchServiceOptions = {},
): OperatorFunction<I, BatchResult<I, O>> {
  const o = { ...BATCH_SERVICE_DEFAULTS, ...options };
  for (const key of ['batchSize', 'concurrency'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) {
      throw new SearchInputError(`search.batchService: Expected a positive integer for ${key} but received ${o[key]}`);
    }
  }
  if (!(o.batchTimeMs >= 0)) {
    throw new SearchInputError(
      `search.batchService: Expected a non-negative number for batchTimeMs but received ${o.batchTimeMs}`,
    );
  }
  const group: OperatorFunction<I, I[]> =
    o.batchTimeMs > 0 ? bufferTime<I>(o.batchTimeMs, null, o.batchSize) : bufferCount<I>(o.batchSize);
  return (source) =>
    source.pipe(
      group,
      filter((batch) => batch.length > 0),
      mergeMap(
        (batch) =>
          callOnce(call, batch).pipe(
            map((out): BatchResult<I, O>[] => {
              if (out.length !== batch.length) {
                const e = new Error(`service returned ${out.length} results for a batch of ${batch.length}`);
                return batch.map((input) => ({ input, result: e }));
              }
              return batch.map((input, i) => ({ input, result: out[i]! }));
            }),
            catchError((e: unknown) => of(batch.map((input) => ({ input, result: toError(e) })))),
          ),
        o.concurrency,
      ),
      mergeMap((results) => results),
    );
}
