// `cgnas evaluate transfer`: the cross-family transfer table of issue 5 (train on the other families,
// fine-tune on a few target networks, test on the rest; 5 seeds), printed as Markdown or JSON lines,
// written as JSON, with a predicted-vs-true scatter per target.
import { join, resolve } from 'node:path';

import type { Command } from 'commander';
import {
  CG_ENCODER_KINDS,
  DEFAULT_CG_ENCODER,
  benchmarkTransferData,
  cgEncoderFactory,
  parseFamilyName,
  parseFinetuneSizes,
  runTransfer,
  type TransferResult,
  type TransferRow,
} from '@cgnas/ensemble';
import { selectTfBackend } from '@cgnas/native/tf';
import { scatterChart } from '@cgnas/search';

import type { CliContext } from '../context.js';
import { createProgress } from '../progress.js';
import { writeOutput, writePlot } from '../util/write-output.js';
import { encoderBudget } from '../util/encoder-budget.js';
import { intOption } from '../util/option-parsers.js';
import { transferStatus } from '../util/transfer-status.js';

interface TransferCliOptions {
  targets: string;
  seeds: string;
  json?: boolean;
  out?: string;
  nb201Limit?: string;
  epochs?: string;
  pretrainEpochs?: string;
  encoder: string;
  finetune?: string;
}

const f3 = (v: number | null): string => (v === null || Number.isNaN(v) ? '–' : v.toFixed(3));

export function transferMarkdown(rows: readonly TransferRow[]): string {
  const lines = [
    '| target | method | fine-tune | n test | SRCC (mean ± std) | Kendall τ | NDCG@10 | zero-shot SRCC |',
    '|---|---|---:|---:|---|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.target} | ${r.method} | ${r.finetune} | ${r.n_test} | ${f3(r.srcc_mean)} ± ${f3(r.srcc_std)} | ${f3(r.kendall_mean)} | ${f3(r.ndcg10_mean)} | ${f3(r.zero_shot_srcc_mean)} |`,
    ),
  ];
  return lines.join('\n');
}

function writeArtifacts(outDir: string, result: TransferResult): string[] {
  const written: string[] = [];
  const jsonPath = join(outDir, 'transfer.json');
  writeOutput(jsonPath, `${JSON.stringify(result, null, 1)}\n`);
  written.push(jsonPath);
  for (const s of result.scatter) {
    const svg = scatterChart(
      [{ name: `${s.target} test networks`, points: s.truth.map((t, i) => [t, s.predicted[i]!] as const) }],
      {
        title: `${s.target}: predicted vs true accuracy (seed 0, fine-tuned)`,
        xLabel: 'true accuracy (%)',
        yLabel: 'predicted accuracy (%)',
      },
    );
    written.push(...writePlot(join(outDir, `transfer-${s.target}.svg`), svg, { png: false }));
  }
  return written;
}

export function registerEvaluate(program: Command, ctx: CliContext): void {
  const evaluate = program.command('evaluate').description('evaluate predictors');
  evaluate
    .command('transfer')
    .description(
      'cross-family transfer table: train on other families, fine-tune on a few target networks, test on the rest',
    )
    .option('--targets <list>', 'target families (comma-separated: nb101, nb201, nb301)', 'nb101,nb201,nb301')
    .option('--seeds <n>', 'fine-tune seeds per target', '5')
    .option(
      '--finetune <sizes>',
      'target networks to fine-tune on: one size ("100") or per family ("nb301=100,nb101=25"); default 50, 40 for nb201',
    )
    .option('--json', 'print one JSON line per (target, method) instead of the Markdown table')
    .option('--out <dir>', 'write transfer.json and a scatter SVG per target here')
    .option('--nb201-limit <n>', 'most NB-201 cells to train on when NB-201 is a source (default per encoder)')
    .option('--epochs <n>', 'training epochs per member (default per encoder)')
    .option('--pretrain-epochs <n>', 'contrastive pretraining epochs of the k-GNN (default per encoder)')
    .option('--encoder <kind>', `encoder: ${CG_ENCODER_KINDS.join(', ')}`, DEFAULT_CG_ENCODER)
    .action(async (opts: TransferCliOptions) => {
      const targets = [...new Set(opts.targets.split(',').map(parseFamilyName))];
      const seeds = intOption('evaluate transfer', '--seeds', opts.seeds, 1);
      const finetune = opts.finetune === undefined ? {} : parseFinetuneSizes(opts.finetune);
      const { defaults, nb201Limit: limit, epochs, pretrainEpochs } = encoderBudget('evaluate transfer', opts);
      const kgnn = { pretrain: { epochs: pretrainEpochs } };
      const factory = cgEncoderFactory(opts.encoder, { kgnn });
      // The k-GNN-without-CL baseline: the ensemble's own 'kgnn' member when the encoder is the k-GNN,
      // otherwise a separate plain k-GNN regressor on the same splits.
      const noClBaseline = opts.encoder === 'kgnn' ? null : cgEncoderFactory('kgnn', { kgnn: { pretrain: null } });
      await selectTfBackend();
      const bar = createProgress(ctx, 'transfer');
      let doneSeeds = 0;
      const result = await runTransfer(
        factory,
        benchmarkTransferData({ sourceLimit: { nb201: limit } }),
        {
          targets,
          seeds,
          finetune,
          ensemble: { training: { ...defaults.training, epochs }, fineTuning: defaults.fineTuning },
          noClBaseline,
        },
        (p) => {
          if (p.kind === 'seed') doneSeeds++;
          bar.update(doneSeeds / (targets.length * seeds), transferStatus(p));
        },
      );
      bar.stop(`transfer: ${result.wallTimeS.toFixed(1)} s wall time`);
      if (opts.json) {
        for (const r of result.rows) ctx.out(JSON.stringify(r));
      } else {
        ctx.out(transferMarkdown(result.rows));
        ctx.out('');
        ctx.out(`wall time ${result.wallTimeS.toFixed(1)} s`);
      }
      if (opts.out) {
        for (const path of writeArtifacts(resolve(opts.out), result)) ctx.err(`wrote ${path}`);
      }
    });
}
