// `cgnas train`: trains the GENNAPE-style predictor ensemble on benchmark families and writes a model
// directory (atomically; an existing one is only replaced with --force).
import { resolve } from 'node:path';

import type { Command } from 'commander';
import {
  CG_ENCODER_KINDS,
  DEFAULT_CG_ENCODER,
  GennapeEnsemble,
  cgEncoderFactory,
  loadFamily,
  parseFamilyName,
  saveModel,
  type EnsembleProgress,
  type FamilyNetwork,
} from '@cgnas/ensemble';
import type { ComputationGraph } from '@cgnas/cg-core';
import { selectTfBackend } from '@cgnas/native/tf';

import { encoderBudget } from '../util/encoder-budget.js';
import { intOption } from '../util/option-parsers.js';
import type { CliContext } from '../context.js';
import { createProgress } from '../progress.js';

interface TrainOptions {
  out: string;
  families: string;
  nb201Limit?: string;
  epochs?: string;
  pretrainEpochs?: string;
  seed: string;
  encoder: string;
  force?: boolean;
}

export function registerTrain(program: Command, ctx: CliContext): void {
  program
    .command('train')
    .description('train the accuracy-predictor ensemble on benchmark families and save it as a model directory')
    .requiredOption('--out <dir>', 'model directory to write')
    .option('--families <list>', 'training families (comma-separated: nb101, nb201, nb301)', 'nb101,nb201,nb301')
    .option('--nb201-limit <n>', 'most NB-201 cells to train on (seeded sample; default per encoder)')
    .option('--epochs <n>', 'training epochs per member (default per encoder)')
    .option('--pretrain-epochs <n>', 'contrastive pretraining epochs of the k-GNN (default per encoder)')
    .option('--seed <n>', 'seed for every random choice', '0')
    .option('--encoder <kind>', `encoder: ${CG_ENCODER_KINDS.join(', ')}`, DEFAULT_CG_ENCODER)
    .option('--force', 'replace an existing model directory')
    .action(async (opts: TrainOptions) => {
      const families = [...new Set(opts.families.split(',').map(parseFamilyName))];
      const { defaults, nb201Limit: limit, epochs, pretrainEpochs } = encoderBudget('train', opts);
      const seed = intOption('train', '--seed', opts.seed);
      const factory = cgEncoderFactory(opts.encoder, { kgnn: { pretrain: { epochs: pretrainEpochs } } });
      await selectTfBackend();
      const t0 = performance.now();
      const nets: FamilyNetwork<ComputationGraph>[] = families.flatMap((f) =>
        loadFamily(f, { limit: f === 'nb201' ? limit : Infinity, seed }),
      );
      ctx.err(
        `train: ${nets.length} networks from ${families.join(', ')} loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const bar = createProgress(ctx, 'train');
      const ens = await GennapeEnsemble.train(
        factory,
        { inputs: nets.map((n) => n.input), accuracy: nets.map((n) => n.accuracy), gflops: nets.map((n) => n.gflops) },
        { seed, training: { ...defaults.training, epochs, seed }, fineTuning: defaults.fineTuning },
        (p: EnsembleProgress) => {
          if (p.phase === 'pretrain') bar.update(0, `contrastive pretraining on ${nets.length} networks`);
          else
            bar.update(
              (p.memberIndex + (p.epoch + 1) / epochs) / p.members,
              `${p.member} epoch ${p.epoch + 1} loss ${p.loss.toFixed(4)}`,
            );
        },
      );
      bar.stop();
      const dir = resolve(opts.out);
      saveModel(dir, ens, {
        overwrite: Boolean(opts.force),
        training: {
          families,
          networks: nets.length,
          nb201Limit: limit,
          epochs,
          pretrainEpochs,
          seed,
          encoder: opts.encoder,
        },
      });
      ens.dispose();
      ctx.out(
        `model written to ${dir} (${nets.length} training networks, ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
    });
}
