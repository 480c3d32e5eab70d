import { Rng } from '@cgnas/native';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { SearchInputError } from '../errors.js';
import { GpPredictor } from '../predictor/gp-predictor.js';
import { nb201Oracle } from '../oracle/nb201-oracle.js';
import { Nb201Space, type Nb201Genome } from '../space/nb201-space.js';
import { nsga2Strategy } from './nsga2-strategy.js';
import { predictorStrategy } from './predictor-strategy.js';
import { reaStrategy } from './rea-strategy.js';
import { randomStrategy } from './random-strategy.js';
import { runSearch } from './run-search.js';
import type { Evaluated } from './strategy.js';

const space = new Nb201Space();
const editDistance = (a: Nb201Genome, b: Nb201Genome): number => a.filter((op, e) => op !== b[e]).length;
const told = (arch: Nb201Genome, y: number, id = 0): Evaluated<Nb201Genome> => ({
  id,
  arch,
  hash: space.hash(arch),
  objectives: [y],
});
const never = (): boolean => false;

describe('reaStrategy', () => {
  it('seeds the population at random, mutates the tournament winner and retires the oldest', () => {
    const rea = reaStrategy(space, new Rng(1), { population: 3, tournament: 3 });
    const seeds = rea.ask(10, never) as Nb201Genome[];
    expect(seeds).toHaveLength(1);
    const more = [...seeds, ...(rea.ask(10, never) as Nb201Genome[]), ...(rea.ask(10, never) as Nb201Genome[])];
    const [a, b, c] = more as [Nb201Genome, Nb201Genome, Nb201Genome];
    rea.tell([told(a, 100), told(b, 1), told(c, 2)]);
    const child = (rea.ask(1, never) as Nb201Genome[])[0]!;
    expect(editDistance(child, a)).toBe(1); // the whole population competes: A wins
    rea.tell([told(child, 0)]); // A is the oldest and dies
    const next = (rea.ask(1, never) as Nb201Genome[])[0]!;
    expect(editDistance(next, c)).toBe(1); // best survivor: C (2) beats B (1) and the child (0)
  });

  it('validates options', () => {
    expect(() => reaStrategy(space, new Rng(1), { population: 0 })).toThrow(SearchInputError);
    expect(() => reaStrategy(space, new Rng(1), { population: 5, tournament: 6 })).toThrow(SearchInputError);
    expect(() => randomStrategy(space, new Rng(1), { batchSize: 0 })).toThrow(SearchInputError);
    expect(() => nsga2Strategy(space, [{ name: 'acc', sense: 'max' }], new Rng(1), { population: 1 })).toThrow(
      SearchInputError,
    );
  });
});

describe('predictorStrategy', () => {
  it('beats random search at a small budget on NB-201 (3 seeds)', async () => {
    const best = async (kind: 'random' | 'predictor', seed: number): Promise<number> => {
      const oracle = nb201Oracle(['acc']);
      const rng = new Rng(seed);
      const strategy =
        kind === 'random'
          ? randomStrategy(space, rng)
          : predictorStrategy(space, new GpPredictor((a: Nb201Genome) => space.features(a)), rng, {
              neighbours: (a) => space.neighbours(a),
            });
      const events = await lastValueFrom(
        runSearch(space, strategy, oracle.evaluator(), { budget: 30, objectives: oracle.objectives }).pipe(toArray()),
      );
      const done = events.at(-1)!;
      return done.type === 'done' ? done.best!.objectives[0]! : NaN;
    };
    let wins = 0;
    for (const seed of [1, 2, 3]) if ((await best('predictor', seed)) > (await best('random', seed))) wins++;
    expect(wins).toBeGreaterThanOrEqual(2);
  });

  it("spends evaluations on the predictor's top pick", async () => {
    const seen: Nb201Genome[] = [];
    const conv3 = (a: Nb201Genome): number => a.filter((o) => o === 3).length;
    const picky = {
      fit: () => undefined,
      predict: (archs: readonly Nb201Genome[]) => (seen.push(...archs), archs.map((a) => ({ mean: conv3(a) }))),
    };
    const s = predictorStrategy(space, picky, new Rng(2), { initial: 2, localEvery: 0, kappa: 0 });
    s.tell((s.ask(5, never) as Nb201Genome[]).map((a, i) => told(a, i, i)));
    const pick = (await (s.ask(1, never) as Promise<readonly Nb201Genome[]>))[0]!;
    expect(seen.length).toBeGreaterThan(50);
    expect(conv3(pick)).toBe(Math.max(...seen.map(conv3)));
  });

  it('starts from a space-filling design (no two initial cells closer than random ones)', () => {
    const dist = (a: Nb201Genome, b: Nb201Genome): number => a.filter((op, e) => op !== b[e]).length;
    const minPair = (xs: readonly Nb201Genome[]): number =>
      Math.min(...xs.flatMap((a, i) => xs.slice(i + 1).map((b) => dist(a, b))));
    const design = predictorStrategy(space, { fit: () => undefined, predict: () => [] }, new Rng(4), {
      initial: 10,
      distance: dist,
    }).ask(10, never) as Nb201Genome[];
    const rng = new Rng(4);
    const random = Array.from({ length: 10 }, () => space.sample(rng));
    expect(design).toHaveLength(10);
    expect(minPair(design)).toBeGreaterThanOrEqual(4);
    expect(minPair(design)).toBeGreaterThan(minPair(random));
  });
});
