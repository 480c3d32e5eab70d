import { Rng } from '@cgnas/native';
import { firstValueFrom, lastValueFrom, map, toArray, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';

import { SearchInputError } from '../errors.js';
import { nonDominatedSort } from '../mo/non-dominated-sort.js';
import { nb201Oracle } from '../oracle/nb201-oracle.js';
import type { BatchOutput } from '../rx/batch-service.js';
import { Nb201Space, type Nb201Genome } from '../space/nb201-space.js';
import { nsga2Strategy } from './nsga2-strategy.js';
import { randomStrategy } from './random-strategy.js';
import { runSearch, type Evaluator } from './run-search.js';
import type { SearchEvent } from './search-events.js';

const space = new Nb201Space();
type Ev<T extends SearchEvent['type']> = Extract<SearchEvent, { type: T }>;
const ofType = <T extends SearchEvent['type']>(events: readonly SearchEvent[], t: T): Ev<T>[] =>
  events.filter((e): e is Ev<T> => e.type === t);

async function randomRun(seed: number, budget: number, evaluator?: Evaluator<Nb201Genome>): Promise<SearchEvent[]> {
  const oracle = nb201Oracle(['acc']);
  const events = runSearch(
    space,
    randomStrategy(space, new Rng(seed), { batchSize: 4 }),
    evaluator ?? oracle.evaluator(),
    {
      budget,
      objectives: oracle.objectives,
    },
  );
  return lastValueFrom(events.pipe(toArray()));
}

describe('runSearch', () => {
  it('spends exactly the budget, never re-queries an isomorphism class, and ends with done', async () => {
    const oracle = nb201Oracle(['acc']);
    const events = await lastValueFrom(
      runSearch(space, randomStrategy(space, new Rng(1), { batchSize: 7, retries: 0 }), oracle.evaluator(), {
        budget: 300,
        objectives: oracle.objectives,
      }).pipe(toArray()),
    );
    const paid = ofType(events, 'evaluated').filter((e) => !e.cached);
    expect(paid).toHaveLength(300);
    expect(oracle.queries).toBe(300);
    expect(new Set(paid.map((e) => e.hash)).size).toBe(300);
    // With retries off, random proposals repeat classes; those are served from the cache for free.
    expect(ofType(events, 'evaluated').some((e) => e.cached)).toBe(true);
    const done = events.at(-1) as Ev<'done'>;
    expect(done.type).toBe('done');
    expect(done.reason).toBe('budget');
    expect(done.best!.objectives[0]).toBe(Math.max(...paid.map((e) => e.objectives![0]!)));
    expect(ofType(events, 'proposed').length).toBeGreaterThanOrEqual(300);
  });

  it('is deterministic for a seed', async () => {
    const a = await randomRun(5, 40);
    expect(await randomRun(5, 40)).toEqual(a);
    expect(await randomRun(6, 40)).not.toEqual(a);
  });

  it('marks a failing evaluation failed and goes on', async () => {
    const oracle = nb201Oracle(['acc']);
    let calls = 0;
    const flaky: Evaluator<Nb201Genome> = (batch) => {
      calls++;
      if (calls % 3 === 0) throw new Error('trainer crashed');
      return batch.map((a) => (a[0] === 0 ? new Error('none edge not allowed') : oracle.query(a)));
    };
    const events = await randomRun(2, 60, flaky);
    const evaluated = ofType(events, 'evaluated').filter((e) => !e.cached);
    expect(evaluated).toHaveLength(60);
    const failed = evaluated.filter((e) => e.objectives === null);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((e) => typeof e.error === 'string')).toBe(true);
    expect(evaluated.some((e) => e.objectives !== null)).toBe(true);
    expect(events.at(-1)!.type).toBe('done');
  });

  it('stops promptly on unsubscribe and aborts the in-flight evaluation (virtual time)', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, flush }) => {
      const oracle = nb201Oracle(['acc']);
      const signals: AbortSignal[] = [];
      const slow: Evaluator<Nb201Genome> = (batch, signal) => {
        signals.push(signal);
        return cold<BatchOutput<readonly number[]>>('10ms (r|)', { r: batch.map((x) => oracle.query(x)) });
      };
      const run: Observable<string> = runSearch(space, randomStrategy(space, new Rng(3)), slow, {
        budget: 100,
        objectives: oracle.objectives,
        batchSize: 1,
      }).pipe(map((e) => e.type[0]!));
      // p = proposed, e = evaluated, f = front-updated, g = generation; one round per 10 ms, and the
      // third round's evaluation is still in flight when the subscriber leaves at 25 ms.
      expectObservable(run, '^ 24ms !').toBe('p 9ms (efgp) 4ms (efgp)', { p: 'p', e: 'e', f: 'f', g: 'g' });
      flush();
      expect(signals).toHaveLength(3);
      expect(signals[2]!.aborted).toBe(true);
      expect(oracle.queries).toBe(3); // the cold results were built eagerly; only 2 were delivered
    });
  });

  it('validates options', () => {
    const oracle = nb201Oracle(['acc']);
    expect(() =>
      runSearch(space, randomStrategy(space, new Rng(1)), oracle.evaluator(), {
        budget: 0,
        objectives: oracle.objectives,
      }),
    ).toThrow(SearchInputError);
    expect(() =>
      runSearch(space, randomStrategy(space, new Rng(1)), oracle.evaluator(), { budget: 5, objectives: [] }),
    ).toThrow(SearchInputError);
  });

  it('keeps a non-dominated front with growing hypervolume under NSGA-II', async () => {
    const oracle = nb201Oracle(['acc', 'latency:pixel3']);
    const events = await lastValueFrom(
      runSearch(space, nsga2Strategy(space, oracle.objectives, new Rng(4), { population: 12 }), oracle.evaluator(), {
        budget: 72,
        objectives: oracle.objectives,
        bounds: oracle.bounds(),
      }).pipe(toArray()),
    );
    const hv = ofType(events, 'front-updated').map((e) => e.hypervolume!);
    expect(hv.length).toBeGreaterThan(1);
    for (let i = 1; i < hv.length; i++) expect(hv[i]!).toBeGreaterThanOrEqual(hv[i - 1]! - 1e-12);
    const paid = ofType(events, 'evaluated').filter((e) => !e.cached && e.objectives);
    const minVec = paid.map((e) => [-e.objectives![0]!, e.objectives![1]!]);
    const front0 = new Set(nonDominatedSort(minVec)[0]!.map((i) => paid[i]!.objectives!.join(',')));
    const done = events.at(-1) as Ev<'done'>;
    expect(new Set(done.front.map((p) => p.objectives.join(',')))).toEqual(front0);
    expect(done.hypervolume).toBe(hv.at(-1));
    const generations = ofType(events, 'generation');
    expect(generations).toHaveLength(6);
    expect(generations.at(-1)!.hypervolume).toBe(hv.at(-1));
  });

  it('emits the started event first when given a config', async () => {
    const oracle = nb201Oracle(['acc']);
    const config = {
      space: 'nb201',
      strategy: 'random',
      seed: 1,
      budget: 2,
      objectives: oracle.objectives,
      settings: {},
    };
    const first = await firstValueFrom(
      runSearch(space, randomStrategy(space, new Rng(1)), oracle.evaluator(), {
        budget: 2,
        objectives: oracle.objectives,
        config,
      }),
    );
    expect(first).toEqual({ type: 'started', config });
  });
});
