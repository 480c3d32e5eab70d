import { map, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';

import { SearchInputError } from '../errors.js';
import { batchService, type BatchOutput, type BatchResult } from './batch-service.js';

const scheduler = (): TestScheduler => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Renders results as strings so marbles stay readable: `a:A` for a value, `a:!` for an Error. */
const show = (r: BatchResult<string, string>): string => `${r.input}:${r.result instanceof Error ? '!' : r.result}`;
const upper = (batch: readonly string[]): BatchOutput<string> => batch.map((s) => s.toUpperCase());

describe('batchService', () => {
  it('groups by count and flushes the remainder on completion', () => {
    scheduler().run(({ cold, expectObservable, flush }) => {
      const calls: string[][] = [];
      const src = cold('a 9ms b 9ms c 9ms d 9ms e 9ms |');
      const out = src.pipe(
        batchService((b: readonly string[]) => (calls.push([...b]), upper(b)), { batchSize: 2 }),
        map(show),
      );
      expectObservable(out).toBe('10ms (xy) 16ms (zw) 16ms (v|)', { x: 'a:A', y: 'b:B', z: 'c:C', w: 'd:D', v: 'e:E' });
      flush();
      expect(calls).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    });
  });

  it('closes a batch after batchTimeMs (bufferTime) or when full', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const src = cold('ab 7ms c|');
      const out = src.pipe(batchService(upper, { batchSize: 10, batchTimeMs: 5 }), map(show));
      // First window [0, 5) holds a and b; the second closes when the source completes at frame 10.
      expectObservable(out).toBe('5ms (xy) 1ms (z|)', { x: 'a:A', y: 'b:B', z: 'c:C' });
    });
  });

  it('runs at most `concurrency` batches at once (async service)', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const service = (b: readonly string[]): Observable<BatchOutput<string>> => cold('9ms (r|)', { r: upper(b) });
      const src = cold('(abc)|');
      const one = src.pipe(batchService(service, { batchSize: 1, concurrency: 1 }), map(show));
      expectObservable(one).toBe('9ms x 8ms y 8ms (z|)', { x: 'a:A', y: 'b:B', z: 'c:C' });
      const two = src.pipe(batchService(service, { batchSize: 1, concurrency: 2 }), map(show));
      expectObservable(two).toBe('9ms (xy) 5ms (z|)', { x: 'a:A', y: 'b:B', z: 'c:C' });
    });
  });

  it('turns a failed batch or item into per-item Errors and keeps going', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const service = (b: readonly string[]): BatchOutput<string> => {
        if (b.includes('x')) throw new Error('remote down');
        return b.map((s) => (s === 'e' ? new Error('bad arch') : s.toUpperCase()));
      };
      const out = cold('a-x-e-b|').pipe(batchService(service, { batchSize: 1 }), map(show));
      expectObservable(out).toBe('a-x-e-b|', { a: 'a:A', x: 'x:!', e: 'e:!', b: 'b:B' });
      const wrongLength = cold('a|').pipe(
        batchService(() => [] as BatchOutput<string>, { batchSize: 1 }),
        map(show),
      );
      expectObservable(wrongLength).toBe('a|', { a: 'a:!' });
      const rejected = cold('a|').pipe(
        batchService(() => cold<BatchOutput<string>>('--#'), { batchSize: 1 }),
        map(show),
      );
      expectObservable(rejected).toBe('--(a|)', { a: 'a:!' });
    });
  });

  it('unsubscribing cancels in-flight calls and aborts their signals', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const signals: AbortSignal[] = [];
      const inner = cold<BatchOutput<string>>('-----(r|)', { r: ['A'] });
      const service = (_b: readonly string[], signal: AbortSignal): Observable<BatchOutput<string>> => {
        signals.push(signal);
        return inner;
      };
      const out = cold('a|').pipe(batchService(service, { batchSize: 1 }), map(show));
      expectObservable(out, '^--!').toBe('---');
      expectSubscriptions(inner.subscriptions).toBe('^--!');
      flush();
      expect(signals).toHaveLength(1);
      expect(signals[0]!.aborted).toBe(true);
    });
  });

  it('validates options', () => {
    expect(() => batchService(upper, { batchSize: 0 })).toThrow(SearchInputError);
    expect(() => batchService(upper, { concurrency: 1.5 })).toThrow(SearchInputError);
    expect(() => batchService(upper, { batchTimeMs: -1 })).toThrow(SearchInputError);
  });
});
