// `cgnas bm`: Boltzmann-machine experiments after Korenkevych et al. (2016) with classical stand-ins
// for the annealer (SA, path-integral SQA): `bm experiment` trains one FVBM per negative-phase
// estimator and compares exact KL; `bm sample` runs a sampler on a problem file; `bm problem` writes one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Command } from 'commander';
import {
  ESTIMATORS,
  exactMoments,
  isingEnergy,
  isingFromJson,
  isingToJson,
  sampleIsing,
  targetModel,
  targetSamples,
  trainBoltzmann,
  type Estimator,
  type IsingMoments,
  type SamplerMethod,
  type TargetClass,
  type TrainResult,
} from '@cgnas/boltzmann';
import { lineChart } from '@cgnas/search';

import { CliUsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { intOption, positiveOption } from '../util/option-parsers.js';
import { createProgress } from '../progress.js';
import { writeOutput, writePlot } from '../util/write-output.js';

const int = (value: string, flag: string, min: number): number => intOption('bm', flag, value, min);
const num = (value: string, flag: string): number => positiveOption('bm', flag, value);

function parseClass(value: string): TargetClass {
  if (value === 'easy' || value === 'hard') return value;
  throw new CliUsageError(`cli.bm: Expected easy or hard for --class but received ${value}`);
}

/** CLI names: cd, pcd, sa, sqa, raw-sa, raw-sqa, exact. */
function parseEstimators(value: string): Estimator[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const e of list) {
    if (!(ESTIMATORS as readonly string[]).includes(e)) {
      throw new CliUsageError(
        `cli.bm: Expected estimators from ${ESTIMATORS.join(',')} for --estimators but received ${e}`,
      );
    }
  }
  if (list.length === 0)
    throw new CliUsageError('cli.bm: Expected at least one estimator for --estimators but received none');
  return list as Estimator[];
}

interface ExperimentFlags {
  class: string;
  L: string;
  estimators: string;
  iters: string;
  seed: string;
  k: string;
  chains: string;
  lr: string;
  annealSweeps: string;
  slices: string;
  cellStrength: string;
  beta: string;
  json?: boolean;
  out?: string;
}

function registerExperiment(bm: Command, ctx: CliContext): void {
  bm.command('experiment')
    .description(
      'train FVBMs on a Chimera target with each negative-phase estimator; report exact KL and gradient error',
    )
    .option(
      '--class <class>',
      'target class: easy (J ~ U[-1,1]·β) or hard (ferromagnetic cells, random inter-cell J)',
      'hard',
    )
    .option('--L <L>', 'Chimera size (L×L cells, n = 8L²; exact KL by elimination up to L = 4)', '2')
    .option('--estimators <list>', `comma-separated from ${ESTIMATORS.join(',')}`, 'cd,pcd,sa,sqa,raw-sqa,exact')
    .option('--iters <n>', 'training iterations', '100')
    .option('--seed <s>', 'seed of the target and of every sampler', '1')
    .option('--k <k>', 'Gibbs sweeps per iteration (CD-k, PCD-k, seeded-k)', '50')
    .option('--chains <n>', 'negative-phase chains (and data samples for CD)', '500')
    .option('--lr <eta>', 'learning rate', '0.1')
    .option('--anneal-sweeps <n>', 'sweeps of the SA/SQA anneal that seeds chains', '50')
    .option('--slices <P>', 'SQA Trotter slices', '8')
    .option('--cell-strength <s>', 'hard class: intra-cell ferromagnetic coupling', '1')
    .option('--beta <b>', 'target inverse temperature', '1')
    .option('--json', 'one JSON line per estimator instead of a table')
    .option('--out <dir>', 'write kl-vs-iteration SVG (and PNG) and the per-iteration history (JSON) here')
    .action(async (f: ExperimentFlags) => {
      const kind = parseClass(f.class);
      const L = int(f.L, '--L', 1);
      if (L > 4)
        throw new CliUsageError(`cli.bm: Expected --L <= 4 (exact KL needs elimination width 4L+4) but received ${L}`);
      const estimators = parseEstimators(f.estimators);
      const seed = int(f.seed, '--seed', 0);
      const iterations = int(f.iters, '--iters', 1);
      const target = targetModel(kind, {
        L,
        seed,
        beta: num(f.beta, '--beta'),
        cellStrength: num(f.cellStrength, '--cell-strength'),
      });
      const common = {
        iterations,
        seed,
        k: int(f.k, '--k', 0),
        chains: int(f.chains, '--chains', 1),
        learningRate: num(f.lr, '--lr'),
        annealSweeps: int(f.annealSweeps, '--anneal-sweeps', 1),
        sqaSlices: int(f.slices, '--slices', 2),
      };
      ctx.err(
        `bm experiment: ${kind} Chimera(${L}), n = ${target.n}, ${target.J.length} couplings; exact target moments...`,
      );
      const cache: { targetMoments?: IsingMoments; data?: Int8Array } = { targetMoments: exactMoments(target) };
      if (estimators.some((e) => e === 'cd' || e === 'pcd'))
        cache.data = await targetSamples(target, common.chains, 2000, seed + 1, 'auto');
      const results: TrainResult[] = [];
      for (const estimator of estimators) {
        const bar = createProgress(ctx, `bm ${estimator}`);
        const r = await trainBoltzmann(
          target,
          {
            ...common,
            estimator,
            onIteration: (rec) => bar.update(rec.iteration / iterations, `KL ${rec.kl.toFixed(4)}`),
          },
          cache,
        );
        bar.stop();
        results.push(r);
        const sweepsPerIter = r.history[r.history.length - 1]!.sweeps / Math.max(1, r.history.length - 1);
        if (f.json) {
          ctx.out(
            JSON.stringify({
              estimator,
              k: r.k,
              final_kl: r.finalKl,
              mean_grad_error: r.meanGradError,
              seconds: Number(r.seconds.toFixed(3)),
              sweeps_per_iteration: sweepsPerIter,
              class: kind,
              L,
              iterations,
            }),
          );
        }
      }
      if (!f.json) {
        ctx.out(
          `${kind} class, Chimera(${L}) n=${target.n}, ${iterations} iterations, lr ${common.learningRate}, ${common.chains} chains, seed ${seed}`,
        );
        ctx.out(
          `${'estimator'.padEnd(10)}${'k'.padStart(4)}${'sweeps/it'.padStart(11)}${'final KL'.padStart(12)}${'grad err'.padStart(11)}${'seconds'.padStart(10)}`,
        );
        for (const r of results) {
          const sweepsPerIter = r.history[r.history.length - 1]!.sweeps / Math.max(1, r.history.length - 1);
          ctx.out(
            `${r.estimator.padEnd(10)}${String(r.k).padStart(4)}${sweepsPerIter.toFixed(0).padStart(11)}${r.finalKl.toFixed(5).padStart(12)}${r.meanGradError.toFixed(5).padStart(11)}${r.seconds.toFixed(2).padStart(10)}`,
          );
        }
      }
      if (f.out) {
        const svg = lineChart(
          results.map((r) => ({
            name: r.k > 0 && r.estimator !== 'exact' ? `${r.estimator}-${r.k}` : r.estimator,
            points: r.history.map((h) => [h.iteration, Math.log10(Math.max(h.kl, 1e-12))] as const),
          })),
          { title: `FVBM training, ${kind} Chimera(${L})`, xLabel: 'iteration', yLabel: 'log10 KL(target ‖ model)' },
        );
        const base = join(f.out, `bm-${kind}-L${L}-seed${seed}`);
        const files = writePlot(`${base}.svg`, svg);
        writeOutput(
          `${base}.json`,
          JSON.stringify(results.map((r) => ({ estimator: r.estimator, k: r.k, history: r.history }))),
        );
        ctx.err(`wrote ${[...files, `${base}.json`].join(', ')}`);
      }
    });
}

interface SampleFlags {
  method: string;
  chains: string;
  sweeps: string;
  seed: string;
  beta: string;
  slices: string;
  json?: boolean;
  out?: string;
}

function registerSample(bm: Command, ctx: CliContext): void {
  bm.command('sample <problem>')
    .description('sample an Ising problem file (cgnas-ising JSON) with gibbs, sa, sqa or pt')
    .option('--method <m>', 'gibbs | sa | sqa | pt', 'sa')
    .option('--chains <n>', 'independent chains', '256')
    .option('--sweeps <n>', 'sweeps', '1000')
    .option('--seed <s>', 'seed', '1')
    .option('--beta <b>', 'final inverse temperature', '1')
    .option('--slices <P>', 'SQA Trotter slices', '16')
    .option('--json', 'print a JSON summary')
    .option('--out <file>', 'write the samples (one ±1 row per chain) as JSON')
    .action(async (file: string, f: SampleFlags) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new CliUsageError(
          `cli.bm: Expected a readable problem file but could not read ${file}: ${(error as Error).message}`,
        );
      }
      const model = isingFromJson(text);
      const methods: SamplerMethod[] = ['gibbs', 'sa', 'sqa', 'pt'];
      if (!methods.includes(f.method as SamplerMethod))
        throw new CliUsageError(`cli.bm: Expected one of ${methods.join(', ')} for --method but received ${f.method}`);
      const chains = int(f.chains, '--chains', 1);
      const sweeps = int(f.sweeps, '--sweeps', 0);
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      const bar = createProgress(ctx, `bm sample ${f.method}`);
      const r = await sampleIsing(model, {
        method: f.method as SamplerMethod,
        chains,
        sweeps,
        seed: int(f.seed, '--seed', 0),
        beta: num(f.beta, '--beta'),
        slices: int(f.slices, '--slices', 2),
        chunk: Math.max(1, Math.ceil(sweeps / 100)),
        signal: controller.signal,
        onProgress: (x) => bar.update(x, ''),
      }).finally(() => process.off('SIGINT', onSigint));
      bar.stop(r.cancelled ? `cancelled after ${r.sweepsDone} sweeps` : undefined);
      const rows = Array.from({ length: chains }, (_, c) =>
        Array.from({ length: model.n }, (_, i) => r.spins[i * chains + c]!),
      );
      const energies = rows.map((s) => isingEnergy(model, s));
      const slices = f.method === 'sqa' ? int(f.slices, '--slices', 2) : 1;
      const summary = {
        method: f.method,
        n: model.n,
        chains,
        sweeps: r.sweepsDone,
        cancelled: r.cancelled,
        backend: r.backend,
        min_energy: Math.min(...energies),
        mean_energy: energies.reduce((x, y) => x + y, 0) / chains,
        seconds: r.ns / 1e9,
        ns_per_spin_update: r.sweepsDone ? r.ns / (r.sweepsDone * model.n * chains * slices) : null,
      };
      if (f.json) ctx.out(JSON.stringify(summary));
      else {
        ctx.out(
          `${f.method} on n=${model.n}: ${chains} chains × ${r.sweepsDone} sweeps (${r.backend}) in ${summary.seconds.toFixed(3)} s`,
        );
        ctx.out(`min energy ${summary.min_energy.toFixed(4)}, mean energy ${summary.mean_energy.toFixed(4)}`);
      }
      if (f.out) writeOutput(f.out, JSON.stringify({ summary, samples: rows }));
    });
}

function registerProblem(bm: Command, ctx: CliContext): void {
  bm.command('problem')
    .description('write a target problem (easy or hard Chimera class) as cgnas-ising JSON')
    .option('--class <class>', 'easy | hard', 'hard')
    .option('--L <L>', 'Chimera size', '2')
    .option('--seed <s>', 'seed', '1')
    .requiredOption('--out <file>', 'output file')
    .action((f: { class: string; L: string; seed: string; out: string }) => {
      const model = targetModel(parseClass(f.class), { L: int(f.L, '--L', 1), seed: int(f.seed, '--seed', 0) });
      writeOutput(f.out, isingToJson(model));
      ctx.err(`wrote ${f.out} (n = ${model.n}, ${model.J.length} couplings)`);
    });
}

export function registerBm(program: Command, ctx: CliContext): void {
  const bm = program
    .command('bm')
    .description('fully visible Boltzmann machines: annealing-seeded training experiments and samplers');
  registerExperiment(bm, ctx);
  registerSample(bm, ctx);
  registerProblem(bm, ctx);
}
