import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { lastValueFrom, take, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';

import { RunLogError } from '../errors.js';
import { createNb201Run } from '../strategy/create-run.js';
import type { RunConfig, SearchEvent } from '../strategy/search-events.js';
import { appendRunLog } from './append-run-log.js';
import { planResume, readRunLog } from './read-run-log.js';

const dir = mkdtempSync(join(tmpdir(), 'cgnas-search-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = (strategy: string, seed: number): RunConfig => ({
  space: 'nb201',
  strategy,
  seed,
  budget: 40,
  objectives: [{ name: 'acc', sense: 'max' }],
  settings: { population: 10, tournament: 3 },
});

async function runToEnd(cfg: RunConfig, log: string): Promise<SearchEvent> {
  const events = await lastValueFrom(createNb201Run(cfg).events.pipe(appendRunLog(log), toArray()));
  return events.at(-1)!;
}

async function killAndResume(
  cfg: RunConfig,
  log: string,
  killAfter: number,
): Promise<{ done: SearchEvent; paid: number }> {
  // Kill: the subscriber leaves after `killAfter` events; then a torn half-line, as from a crash mid-write.
  await lastValueFrom(createNb201Run(cfg).events.pipe(appendRunLog(log), take(killAfter), toArray()));
  appendFileSync(log, '{"type":"evaluated","id":99');
  const plan = planResume(log);
  expect(plan.config).toEqual(cfg);
  const run = createNb201Run(plan.config, { replay: plan.replay });
  const events = await lastValueFrom(run.events.pipe(appendRunLog(log, { resume: plan }), toArray()));
  return { done: events.at(-1)!, paid: run.oracle.queries };
}

describe('run log and resume', () => {
  for (const strategy of ['rea', 'predictor', 'nsga2']) {
    it(`a killed ${strategy} run resumes to the same result as an uninterrupted one`, async () => {
      const cfg = config(strategy, 7);
      const full = join(dir, `${strategy}-full.jsonl`);
      const cut = join(dir, `${strategy}-cut.jsonl`);
      const expected = await runToEnd(cfg, full);
      const { done, paid } = await killAndResume(cfg, cut, 57);
      expect(done).toEqual(expected);
      expect(readRunLog(cut).events).toEqual(readRunLog(full).events);
      // Queries logged before the kill are replayed, not paid again.
      expect(paid).toBeLessThan(40);
    });
  }

  it('writes one JSON event per line, the started config first', async () => {
    const log = join(dir, 'lines.jsonl');
    await runToEnd(config('random', 1), log);
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'started', config: { strategy: 'random', seed: 1 } });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'done', queries: 40 });
  });

  it('refuses to resume a log with a different seed, a corrupt line or no header', async () => {
    const log = join(dir, 'seed.jsonl');
    await lastValueFrom(createNb201Run(config('rea', 3)).events.pipe(appendRunLog(log), take(30), toArray()));
    const plan = planResume(log);
    const wrong = createNb201Run({ ...plan.config, seed: 4 }, { replay: plan.replay });
    await expect(lastValueFrom(wrong.events.pipe(appendRunLog(log, { resume: plan }), toArray()))).rejects.toThrow(
      RunLogError,
    );
    const bad = join(dir, 'bad.jsonl');
    appendFileSync(bad, 'not json\n');
    expect(() => planResume(bad)).toThrow(RunLogError);
    const headless = join(dir, 'headless.jsonl');
    appendFileSync(headless, '{"type":"done"}\n');
    expect(() => planResume(headless)).toThrow(RunLogError);
    expect(() => planResume(join(dir, 'missing.jsonl'))).toThrow(RunLogError);
  });
});
