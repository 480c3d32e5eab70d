// Builds a complete run (space, oracle, strategy, evaluator) from a RunConfig, the single recipe
// shared by the CLI, the benchmark and resume, so a logged config always rebuilds the same run.
import { Rng } from '@cgnas/native';
import type { Observable } from 'rxjs';

import { SearchInputError } from '../errors.js';
import { GpPredictor } from '../predictor/gp-predictor.js';
import type { Predictor } from '../predictor/predictor.js';
import { nb201Oracle, type Nb201Dataset } from '../oracle/nb201-oracle.js';
import { nb101Oracle, nb301Oracle } from '../oracle/sample-oracles.js';
import { nb101SampleSpace, nb301SampleSpace } from '../space/sample-spaces.js';
import type { Oracle } from '../oracle/oracle.js';
import { Nb201Space, type Nb201Genome } from '../space/nb201-space.js';
import type { SearchSpace } from '../space/search-space.js';
import { nsga2Strategy } from './nsga2-strategy.js';
import { predictorStrategy } from './predictor-strategy.js';
import { randomStrategy } from './random-strategy.js';
import { reaStrategy } from './rea-strategy.js';
import { runSearch, type Evaluator, type ReplayedEvaluation } from './run-search.js';
import type { RunConfig, SearchEvent } from './search-events.js';
import type { Strategy } from './strategy.js';

export const STRATEGY_NAMES = ['random', 'rea', 'predictor', 'nsga2'] as const;
export const SPACE_NAMES = ['nb201', 'nb101', 'nb301'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export interface CreateRunOptions<A> {
  /** Replaces the built-in GP surrogate of the predictor strategy (e.g. the GENNAPE ensemble). */
  readonly predictor?: Predictor<A>;
  /** Replaces the oracle's evaluator (e.g. a remote trainer); the oracle still provides bounds. */
  readonly evaluator?: Evaluator<A>;
  /** Evaluations to reuse (resume). */
  readonly replay?: ReadonlyMap<number, ReplayedEvaluation>;
  /** The space instance to search (NB-201 only; default a new Nb201Space). */
  readonly space?: Nb201Space;
}

export interface CreatedRun<A> {
  readonly space: SearchSpace<A>;
  readonly oracle: Oracle<A>;
  readonly strategy: Strategy<A>;
  readonly events: Observable<SearchEvent>;
}

function setting<T>(config: RunConfig, key: string, fallback: T): T {
  const v = config.settings[key];
  return v === undefined ? fallback : (v as T);
}

interface SpaceHints<A> {
  /** All one-step neighbours, for spaces small enough to list them. */
  readonly neighbours?: (a: A) => readonly A[];
  /** Edit distance for the predictor's space-filling initial design. */
  readonly distance?: (a: A, b: A) => number;
}

function strategyFor<A>(
  name: string,
  space: SearchSpace<A>,
  config: RunConfig,
  rng: Rng,
  predictor: Predictor<A> | undefined,
  hints: SpaceHints<A>,
): Strategy<A> {
  const sense = config.objectives[0]!.sense;
  const s = name as StrategyName;
  switch (s) {
    case 'random':
      return randomStrategy(space, rng, { batchSize: setting(config, 'batchSize', 1) });
    case 'rea':
      return reaStrategy(space, rng, {
        sense,
        population: setting(config, 'population', 100),
        // The paper's S = 25, capped for small populations.
        tournament: setting(config, 'tournament', Math.min(25, setting(config, 'population', 100))),
        batchSize: setting(config, 'batchSize', 1),
      });
    case 'predictor':
      return predictorStrategy(space, predictor ?? new GpPredictor((a: A) => space.features(a)), rng, {
        sense,
        batchSize: setting(config, 'batchSize', 1),
        ...hints,
      });
    case 'nsga2':
      return nsga2Strategy(space, config.objectives, rng, { population: setting(config, 'population', 24) });
    default: {
      const never: never = s;
      throw new SearchInputError(
        `search.createRun: Expected one of ${STRATEGY_NAMES.join(', ')} for strategy but received ${String(never)}`,
      );
    }
  }
}

function assemble<A>(
  space: SearchSpace<A>,
  oracle: Oracle<A>,
  config: RunConfig,
  options: CreateRunOptions<A>,
  hints: SpaceHints<A> = {},
): CreatedRun<A> {
  const rng = new Rng(config.seed);
  const strategy = strategyFor(config.strategy, space, config, rng, options.predictor, hints);
  const events = runSearch(space, strategy, options.evaluator ?? oracle.evaluator(), {
    budget: config.budget,
    objectives: oracle.objectives,
    bounds: oracle.bounds(),
    config,
    ...(options.replay ? { replay: options.replay } : {}),
  });
  return { space, oracle, strategy, events };
}

export interface CreateAnyRunOptions {
  readonly replay?: ReadonlyMap<number, ReplayedEvaluation>;
  /** Builds the predictor strategy's surrogate for the run's space (e.g. a GENNAPE ensemble over `toGraph`). */
  readonly predictorFor?: <A>(space: SearchSpace<A>) => Predictor<A>;
}

/** A run on any space with an oracle: `nb201` (all cells) or the `nb101` / `nb301` samples. */
export function createRun(config: RunConfig, options: CreateAnyRunOptions = {}): CreatedRun<unknown> {
  const names = config.objectives.map((o) => o.name);
  const withPredictor = <A>(space: SearchSpace<A>): CreateRunOptions<A> => ({
    ...(options.replay ? { replay: options.replay } : {}),
    ...(options.predictorFor ? { predictor: options.predictorFor(space) } : {}),
  });
  switch (config.space) {
    case 'nb201': {
      const space = new Nb201Space();
      return createNb201Run(config, { ...withPredictor(space), space }) as CreatedRun<unknown>;
    }
    case 'nb101': {
      const space = nb101SampleSpace();
      return assemble(space, nb101Oracle(names), config, withPredictor(space)) as CreatedRun<unknown>;
    }
    case 'nb301': {
      const space = nb301SampleSpace();
      return assemble(space, nb301Oracle(names), config, withPredictor(space)) as CreatedRun<unknown>;
    }
    default:
      throw new SearchInputError(
        `search.createRun: Expected one of ${SPACE_NAMES.join(', ')} for space but received ${config.space}`,
      );
  }
}

/** A run on NB-201 (all 15,625 cells), with an optional custom predictor or evaluator. */
export function createNb201Run(
  config: RunConfig,
  options: CreateRunOptions<Nb201Genome> = {},
): CreatedRun<Nb201Genome> {
  if (config.space !== 'nb201') {
    throw new SearchInputError(`search.createNb201Run: Expected space nb201 but received ${config.space}`);
  }
  const space = options.space ?? new Nb201Space();
  const oracle = nb201Oracle(
    config.objectives.map((o) => o.name),
    {
      dataset: setting<Nb201Dataset>(config, 'dataset', 'cifar10'),
      metric: setting<'test' | 'valid'>(config, 'metric', 'test'),
    },
  );
  return assemble(space, oracle, config, options, {
    neighbours: (a) => space.neighbours(a),
    // Hamming distance between canonical cells: dead edges do not make two cells look different.
    distance: (a, b) => {
      const ca = space.canonical(a);
      const cb = space.canonical(b);
      return ca.reduce((d, op, e) => d + (op === cb[e] ? 0 : 1), 0);
    },
  });
}
