// Demo step 2: contrastive pretraining of the k-GNN encoder on unlabeled CGs (small budget), then the
// cross-family transfer protocol in reduced form: train on the other families, fine-tune on a few
// target networks, rank the rest; FLOPs and published synflow as baselines.
import { join } from 'node:path';

import {
  benchmarkTransferData,
  cgEncoderFactory,
  encoderTrainingDefaults,
  runTransfer,
  type FamilyName,
} from '@cgnas/ensemble';
import { selectTfBackend } from '@cgnas/native/tf';
import { scatterChart } from '@cgnas/search';

import { transferMarkdown } from '../../commands/evaluate.js';
import { transferStatus } from '../../util/transfer-status.js';
import { writePlot } from '../../util/write-output.js';
import type { DemoStep, DemoStepContext, DemoStepResult } from '../demo-runner.js';

export const predictorStep: DemoStep = {
  id: 'predictor',
  title: '2. Pretrain the encoder and rank unseen families',
  async run(ctx: DemoStepContext): Promise<DemoStepResult> {
    await selectTfBackend();
    const defaults = encoderTrainingDefaults('kgnn');
    const targets: FamilyName[] = ['nb201', 'nb301', 'nb101'];
    const seeds = ctx.full ? 5 : 1;
    // Small budget: fewer pretraining graphs and epochs, fewer NB-201 source cells, fewer member epochs.
    const pretrainEpochs = ctx.full ? defaults.pretrainEpochs : 2;
    const corpusPerFamily = ctx.full ? 600 : 150;
    const epochs = ctx.full ? defaults.epochs : 4;
    const nb201Limit = ctx.full ? defaults.nb201Limit : 300;
    const fineTuning = ctx.full ? defaults.fineTuning : { ...defaults.fineTuning, epochs: 40, averageLast: 20 };
    const pretrainLosses = new Map<string, number[]>();
    let current = '';
    const factory = cgEncoderFactory('kgnn', {
      kgnn: {
        pretrain: { epochs: pretrainEpochs },
        corpusPerFamily,
        onPretrainEpoch: (_epoch, _epochs, loss) => pretrainLosses.get(current)?.push(loss),
      },
    });
    let doneSeeds = 0;
    const total = targets.length * seeds;
    const result = await runTransfer(
      factory,
      benchmarkTransferData({ sourceLimit: { nb201: nb201Limit }, seed: ctx.seed }),
      { targets, seeds, ensemble: { training: { ...defaults.training, epochs, seed: ctx.seed }, fineTuning } },
      (p) => {
        if (p.kind === 'seed') doneSeeds++;
        if (p.kind === 'train' && p.event.phase === 'pretrain') {
          current = p.target;
          if (!pretrainLosses.has(current)) pretrainLosses.set(current, []);
        }
        ctx.progress(doneSeeds / total, transferStatus(p));
      },
    );
    const lossText = [...pretrainLosses]
      .filter(([, l]) => l.length > 0)
      .map(([t, l]) => `without ${t} ${l[0]!.toFixed(3)} → ${l.at(-1)!.toFixed(3)}`)
      .join('; ');
    const files: string[] = [];
    const plots: string[] = [];
    for (const s of result.scatter) {
      const name = `predictor-${s.target}.svg`;
      files.push(
        ...writePlot(
          join(ctx.outDir, name),
          scatterChart(
            [{ name: `${s.target} test networks`, points: s.truth.map((t, i) => [t, s.predicted[i]!] as const) }],
            {
              title: `${s.target}: predicted vs true accuracy (fine-tuned, seed 0)`,
              xLabel: 'true accuracy (%)',
              yLabel: 'predicted accuracy (%)',
            },
          ),
        ),
      );
      plots.push(`![${s.target}](${name})`);
    }
    const cgnasRows = result.rows.filter((r) => r.method === 'cgnas');
    for (const r of cgnasRows)
      ctx.log(`  ${r.target}: SRCC ${r.srcc_mean.toFixed(3)} ± ${r.srcc_std.toFixed(3)} (fine-tune ${r.finetune})`);
    const markdown = [
      `Encoder: the k-GNN (6 layers, width 32), pretrained contrastively (variant A: spectrally nearest neighbours of the same family are positives) on up to ${corpusPerFamily} unlabeled CGs per source family for ${pretrainEpochs} epochs; contrastive loss ${lossText || 'not reported'}.`,
      '',
      `Transfer (${ctx.full ? 'full' : 'reduced'}: ${seeds} seed(s), ${epochs} epochs per member, ≤ ${nb201Limit} NB-201 source cells): for each target family the ensemble is pretrained and trained on the other families, fine-tuned on a few target networks (40 NB-201, 50 otherwise) and ranks the rest. Baselines: FLOPs, params, published synflow and jacov, and the k-GNN without contrastive pretraining.`,
      '',
      transferMarkdown(result.rows),
      '',
      `Wall time ${result.wallTimeS.toFixed(1)} s.`,
      '',
      ...plots,
    ].join('\n');
    return {
      markdown,
      summary: cgnasRows.map((r) => `${r.target} SRCC ${r.srcc_mean.toFixed(3)}`).join(', '),
      files: files.map((f) => f.slice(ctx.outDir.length + 1)),
    };
  },
};
