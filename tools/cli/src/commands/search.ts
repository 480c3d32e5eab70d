// `cgnas search`: runs a NAS strategy against a benchmark oracle, logs every event to a JSON-lines
// file (resumable with --resume), shows a live progress line and plots the result as SVG.
import { join } from 'node:path';

import type { Command } from 'commander';
import { graphCost } from '@cgnas/cg-core';
import { cgEncoderFactory, loadModel } from '@cgnas/ensemble';
import {
  SPACE_NAMES,
  STRATEGY_NAMES,
  appendRunLog,
  createRun,
  lineChart,
  parseObjective,
  planResume,
  scatterChart,
  type Predictor,
  type ResumePlan,
  type RunConfig,
  type SearchEvent,
  type SearchSpace,
} from '@cgnas/search';
import { lastValueFrom, tap } from 'rxjs';

import { CliUsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { intOption } from '../util/option-parsers.js';
import { writePlot } from '../util/write-output.js';

export interface SearchCliOptions {
  readonly space: string;
  readonly strategy: string;
  readonly budget: string;
  readonly objectives: string;
  readonly seed: string;
  readonly dataset: string;
  readonly metric: string;
  readonly population?: string;
  readonly batchSize?: string;
  readonly model?: string;
  readonly log?: string;
  readonly resume?: string;
  readonly json?: boolean;
  readonly out?: string;
}

const int = (value: string, flag: string, min: number): number => intOption('search', flag, value, min);

function configFrom(o: SearchCliOptions): RunConfig {
  if (!(SPACE_NAMES as readonly string[]).includes(o.space)) {
    throw new CliUsageError(
      `cli.search: Expected one of ${SPACE_NAMES.join(', ')} for --space but received ${o.space}`,
    );
  }
  if (!(STRATEGY_NAMES as readonly string[]).includes(o.strategy)) {
    throw new CliUsageError(
      `cli.search: Expected one of ${STRATEGY_NAMES.join('|')} for --strategy but received ${o.strategy}`,
    );
  }
  const objectives = o.objectives.split(',').map((s) => parseObjective(s.trim()));
  if (o.strategy === 'nsga2' && (objectives.length < 2 || objectives.length > 3)) {
    throw new CliUsageError(`cli.search: Expected 2 or 3 --objectives for nsga2 but received ${objectives.length}`);
  }
  const settings: Record<string, unknown> = { dataset: o.dataset, metric: o.metric };
  if (o.population !== undefined) settings.population = int(o.population, '--population', 2);
  if (o.batchSize !== undefined) settings.batchSize = int(o.batchSize, '--batch-size', 1);
  if (o.model !== undefined) settings.model = o.model;
  return {
    space: o.space,
    strategy: o.strategy,
    seed: int(o.seed, '--seed', 0),
    budget: int(o.budget, '--budget', 1),
    objectives,
    settings,
  };
}

/** Best-so-far curve (one objective) or the evaluated points with their Pareto front (two or more). */
export function searchPlot(config: RunConfig, events: readonly SearchEvent[]): { file: string; svg: string } {
  const paid = events.filter(
    (e): e is Extract<SearchEvent, { type: 'evaluated' }> =>
      e.type === 'evaluated' && !e.cached && e.objectives !== null,
  );
  const [first, second] = config.objectives;
  const title = `${config.strategy} on ${config.space} (seed ${config.seed})`;
  if (!second) {
    const sign = first!.sense === 'max' ? 1 : -1;
    let best = -Infinity;
    const points = paid.map((e) => {
      best = Math.max(best, sign * e.objectives![0]!);
      return [e.queries, sign * best] as const;
    });
    return {
      file: 'best-so-far.svg',
      svg: lineChart([{ name: `best ${first!.name}`, points }], {
        title,
        xLabel: 'queries',
        yLabel: first!.name,
        step: true,
      }),
    };
  }
  const points = paid.map((e) => [e.objectives![1]!, e.objectives![0]!] as const);
  return {
    file: 'pareto-front.svg',
    svg: scatterChart([{ name: 'evaluated', points }], {
      title,
      xLabel: second.name,
      yLabel: first!.name,
      front: { x: second.sense, y: first!.sense },
    }),
  };
}

/**
 * A trained GENNAPE ensemble (`cgnas train`) as the predictor strategy's surrogate: networks go in as
 * Computation Graphs with their GFLOPs; it is fine-tuned on the labels seen so far every `refitEvery`
 * new labels (fine-tuning trains every member, too costly to repeat after each query).
 */
export function ensemblePredictor<A>(dir: string, space: SearchSpace<A>, refitEvery = 10): Predictor<A> {
  const ens = loadModel(dir, cgEncoderFactory);
  const graphs = (archs: readonly A[]) => archs.map((a) => space.toGraph(a));
  let fitted = 0;
  return {
    fit(archs, labels) {
      if (archs.length - fitted < refitEvery) return;
      fitted = archs.length;
      const gs = graphs(archs);
      ens.fineTune({ inputs: gs, accuracy: labels, gflops: gs.map((g) => graphCost(g).macs / 1e9) });
    },
    predict(archs) {
      const gs = graphs(archs);
      const p = ens.predict(
        gs,
        gs.map((g) => graphCost(g).macs / 1e9),
      );
      return Array.from(p.score, (mean) => ({ mean }));
    },
  };
}

export async function runSearchCommand(
  o: SearchCliOptions,
  ctx: CliContext,
): Promise<Extract<SearchEvent, { type: 'done' }>> {
  let plan: ResumePlan | undefined;
  let config: RunConfig;
  if (o.resume !== undefined) {
    plan = planResume(o.resume);
    config = plan.config;
  } else {
    config = configFrom(o);
  }
  const logPath = o.resume ?? o.log;
  const model = typeof config.settings.model === 'string' ? config.settings.model : undefined;
  if (model !== undefined && config.strategy !== 'predictor') {
    throw new CliUsageError(`cli.search: --model guides only --strategy predictor, not ${config.strategy}`);
  }
  const run = createRun(config, {
    ...(plan ? { replay: plan.replay } : {}),
    ...(model !== undefined ? { predictorFor: <A>(space: SearchSpace<A>) => ensemblePredictor(model, space) } : {}),
  });
  const events: SearchEvent[] = [];
  let lastShown = -1;
  const step = Math.max(1, Math.floor(config.budget / 20));
  let events$ = run.events.pipe(tap((e) => events.push(e)));
  if (logPath !== undefined) events$ = events$.pipe(appendRunLog(logPath, plan ? { resume: plan } : {}));
  const final = await lastValueFrom(
    events$.pipe(
      tap((e) => {
        if (e.type !== 'generation') return;
        if (!ctx.interactive && e.queries - lastShown < step && e.queries < config.budget) return;
        lastShown = e.queries;
        const best = e.best === null ? '–' : e.best.toFixed(3);
        const hv = e.hypervolume === null ? '' : `  hv ${e.hypervolume.toFixed(4)}`;
        ctx.err(
          `search ${config.strategy} queries ${e.queries}/${config.budget}  best ${config.objectives[0]!.name} ${best}  front ${e.frontSize}${hv}`,
        );
      }),
    ),
  );
  if (final.type !== 'done') throw new Error('search: the run ended without a done event');
  if (o.out !== undefined) {
    const plot = searchPlot(config, events);
    writePlot(join(o.out, plot.file), plot.svg);
    ctx.err(`search: wrote ${join(o.out, plot.file)}`);
  }
  if (o.json) {
    ctx.out(JSON.stringify({ config, ...final, oracleQueries: run.oracle.queries }));
  } else {
    ctx.out(`strategy     ${config.strategy} on ${config.space} (seed ${config.seed}, budget ${config.budget})`);
    ctx.out(`queries      ${final.queries} (${final.reason})`);
    if (final.best) ctx.out(`best         ${final.best.objectives.join(', ')}  ${final.best.arch}`);
    ctx.out(
      `front        ${final.front.length} point(s)${final.hypervolume === null ? '' : `, hypervolume ${final.hypervolume.toFixed(4)}`}`,
    );
    if (logPath !== undefined) ctx.out(`log          ${logPath}`);
  }
  return final;
}

export function registerSearch(program: Command, ctx: CliContext): void {
  program
    .command('search')
    .description('search a NAS benchmark space with random search, REA, predictor-guided evolution or NSGA-II')
    .option('--space <name>', `search space (${SPACE_NAMES.join('|')})`, 'nb201')
    .option('--strategy <name>', `strategy (${STRATEGY_NAMES.join('|')})`, 'predictor')
    .option('--budget <n>', 'queries (real evaluations) to spend', '150')
    .option('--objectives <list>', 'acc[,latency:<device>|help:<setting>|params|flops]', 'acc')
    .option('--seed <n>', 'random seed', '0')
    .option('--dataset <name>', 'NB-201 dataset (cifar10|cifar100|imagenet16)', 'cifar10')
    .option('--metric <name>', 'NB-201 accuracy (test|valid)', 'test')
    .option('--population <n>', 'population size (rea: 100, nsga2: 24)')
    .option('--batch-size <n>', 'candidates evaluated per round')
    .option('--model <dir>', 'a trained GENNAPE ensemble to guide the predictor strategy')
    .option('--log <file>', 'append every event to this JSON-lines run log')
    .option('--resume <log>', 'continue the run recorded in this log (its config wins over other flags)')
    .option('--json', 'print the final result as one JSON object')
    .option('--out <dir>', 'write the plot (best-so-far or Pareto front SVG) here')
    .action(async (opts: SearchCliOptions) => {
      await runSearchCommand(opts, ctx);
    });
}
