// Demo step 2: contrastive pretraining of the k-GNN encoder on unlabeled CGs (small budget), then the
// cross-family transfer protocol in reduced form: train on the other families, fine-tune on a few
// target networks, rank the rest; FLOPs and published synflow as baselines.
import { join } from 'node:path';

import { buildPretrainCorpus, pretrainEncoder } from '@cgnas/encoder';
import { benchmarkTransferData, cgEncoderFactory, runTransfer, type FamilyName } from '@cgnas/ensemble';
import { selectTfBackend } from '@cgnas/native/tf';
import { scatterChart } from '@cgnas/search';

import { transferMarkdown } from '../../commands/evaluate.js';
import { writePlot } from '../../util/write-output.js';
import type { DemoStep, DemoStepContext, DemoStepResult } from '../demo-runner.js';

export const predictorStep: DemoStep = {
  id: 'predictor',
  title: '2. Pretrain the encoder and rank unseen families',
  async run(ctx: DemoStepContext): Promise<DemoStepResult> {
    await selectTfBackend();
    // Contrastive pretraining (variant A) on graphs from four families.
    const graphs = ctx.full ? 20_000 : 400;
    const corpus = buildPretrainCorpus({
      families: ['nb101', 'nb201', 'nb301', 'ofa-mbv3'],
      graphs,
      seed: ctx.seed,
      onProgress: (done, total) => ctx.progress(0.15 * (done / total), `sampling ${done}/${total} graphs`),
    });
    const t0 = performance.now();
    const pre = await pretrainEncoder(corpus, {
      variant: 'A',
      epochs: ctx.full ? 10 : 2,
      seed: ctx.seed,
      onProgress: (p) =>
        ctx.progress(0.15 + 0.15 * ((p.epoch - 1 + p.step / p.steps) / p.epochs), `pretrain loss ${p.loss.toFixed(3)}`),
    });
    const pretrainSeconds = (performance.now() - t0) / 1000;
    const losses = pre.losses;
    pre.encoder.dispose();
    ctx.log(
      `  pretrained on ${graphs} graphs: loss ${losses[0]?.toFixed(3)} → ${losses.at(-1)?.toFixed(3)} in ${pretrainSeconds.toFixed(1)} s`,
    );

    const targets: FamilyName[] = ['nb201', 'nb301', 'nb101'];
    const seeds = ctx.full ? 5 : 1;
    let doneSeeds = 0;
    const result = await runTransfer(
      cgEncoderFactory(),
      benchmarkTransferData({ sourceLimit: { nb201: ctx.full ? 3000 : 300 }, seed: ctx.seed }),
      {
        targets,
        seeds,
        ensemble: {
          training: { epochs: ctx.full ? 30 : 4, batchSize: 32, learningRate: 1e-3, rankWeight: 1, seed: ctx.seed },
        },
      },
      (p) => {
        if (p.kind === 'seed') {
          doneSeeds++;
          ctx.progress(
            0.3 + 0.7 * (doneSeeds / (targets.length * seeds)),
            `${p.target} seed ${p.seed} SRCC ${p.srcc.toFixed(3)}`,
          );
        }
      },
    );
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
      `Encoder: k-GNN pretrained contrastively (variant A) on ${graphs} unlabeled CGs from NB-101, NB-201, NB-301 and OFA-MobileNetV3; loss ${losses[0]?.toFixed(3)} → ${losses.at(-1)?.toFixed(3)} in ${pretrainSeconds.toFixed(1)} s.`,
      '',
      `Transfer (reduced: ${seeds} seeds): for each target family the predictor is trained on the other families, fine-tuned on a few target networks and ranks the rest.`,
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
