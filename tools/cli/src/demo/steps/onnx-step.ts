// Demo step 6: rank a user's own ONNX model. The model becomes a Computation Graph (cg-core's ONNX
// import), a predictor ensemble is trained on the benchmark families, and the model is placed among
// held-out NB-201 reference cells whose true accuracy is known (so the reader sees how good the ranking
// of those cells is before trusting the model's place among them).
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { graphCost, importOnnx, type ComputationGraph } from '@cgnas/cg-core';
import {
  GennapeEnsemble,
  cgEncoderFactory,
  loadFamily,
  spearman,
  type EnsembleProgress,
  type FamilyNetwork,
} from '@cgnas/ensemble';
import { Rng } from '@cgnas/native';
import { selectTfBackend } from '@cgnas/native/tf';
import { scatterChart } from '@cgnas/search';

import { CliUsageError } from '../../cli-error.js';
import { writePlot } from '../../util/write-output.js';
import type { DemoStep, DemoStepContext, DemoStepResult } from '../demo-runner.js';

/** Held-out NB-201 cells the model is ranked among. */
const REFERENCE_CELLS = 200;

function readModel(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new CliUsageError(`cli.demo: cannot read --onnx ${path} (${(error as Error).message}); pass an .onnx file`);
  }
}

export const onnxStep: DemoStep = {
  id: 'onnx',
  title: '6. Rank your own model',
  async run(ctx: DemoStepContext): Promise<DemoStepResult> {
    if (ctx.onnx === null) {
      return {
        skipped: true,
        summary: 'no --onnx FILE given',
        markdown:
          'Run `cgnas demo --onnx model.onnx` (or `cgnas predict --model DIR model.onnx` with a trained model) to rank your own network.',
        files: [],
      };
    }
    const name = basename(ctx.onnx);
    const imported = importOnnx(readModel(ctx.onnx));
    const model = imported.graph;
    const modelCost = graphCost(model);
    ctx.log(
      `  ${name}: ${model.nodes.length} nodes, ${(modelCost.macs / 1e6).toFixed(1)} M MACs, ${(modelCost.params / 1e6).toFixed(3)} M params` +
        (imported.unmappedOps.length > 0
          ? `; ops outside the vocabulary (kept as <oov>): ${[...new Set(imported.unmappedOps.map((u) => u.opType))].join(', ')}`
          : ''),
    );

    await selectTfBackend();
    const nb201Limit = ctx.full ? 3000 : 300;
    // One seeded NB-201 sample split at random into training cells and held-out reference cells.
    const nb201 = loadFamily('nb201', { limit: nb201Limit + REFERENCE_CELLS, seed: ctx.seed });
    const held = new Set(new Rng(ctx.seed, 61).sampleIndices(nb201.length, Math.min(REFERENCE_CELLS, nb201.length)));
    const reference = nb201.filter((_, i) => held.has(i));
    const train: FamilyNetwork<ComputationGraph>[] = [
      ...nb201.filter((_, i) => !held.has(i)),
      ...loadFamily('nb101', { seed: ctx.seed }),
      ...loadFamily('nb301', { seed: ctx.seed }),
    ];

    const epochs = ctx.full ? 30 : 4;
    const ens = await GennapeEnsemble.train(
      cgEncoderFactory(),
      {
        inputs: train.map((n) => n.input),
        accuracy: train.map((n) => n.accuracy),
        gflops: train.map((n) => n.gflops),
      },
      { seed: ctx.seed, training: { epochs, batchSize: 32, learningRate: 1e-3, rankWeight: 1, seed: ctx.seed } },
      (p: EnsembleProgress) => {
        if (p.phase === 'pretrain') ctx.progress(0, 'contrastive pretraining');
        else ctx.progress((p.memberIndex + (p.epoch + 1) / epochs) / p.members, `training ${p.member}`);
      },
    );
    let pred;
    try {
      pred = ens.predict(
        [model, ...reference.map((r) => r.input)],
        [modelCost.macs / 1e9, ...reference.map((r) => r.gflops)],
      );
    } finally {
      ens.dispose();
    }
    const score = Array.from(pred.score);
    const rank = 1 + score.slice(1).filter((s) => s > score[0]!).length;
    const refScores = score.slice(1);
    const refSrcc = spearman(
      refScores,
      reference.map((r) => r.accuracy),
    );
    const predictedAcc = pred.accuracy ? pred.accuracy[0]! : NaN;
    // The reference cells ranked right above and below the model, with their true accuracy.
    const order = reference.map((_, i) => i).sort((a, b) => refScores[b]! - refScores[a]!);
    const around = order.slice(Math.max(0, rank - 3), Math.min(order.length, rank + 2));
    ctx.log(
      `  ${name}: rank ${rank} of ${reference.length + 1}, predicted accuracy ${predictedAcc.toFixed(2)} % (reference SRCC ${refSrcc.toFixed(3)})`,
    );

    const plot = 'onnx-rank.svg';
    const files = writePlot(
      join(ctx.outDir, plot),
      scatterChart(
        [
          {
            name: 'NB-201 reference cells',
            points: reference.map(
              (r, i) => [r.gflops * 1e3, pred.accuracy ? pred.accuracy[i + 1]! : refScores[i]!] as const,
            ),
          },
          { name, points: [[modelCost.macs / 1e6, pred.accuracy ? predictedAcc : score[0]!] as const] },
        ],
        {
          title: `${name} among ${reference.length} held-out NB-201 cells (predicted)`,
          xLabel: 'M MACs',
          yLabel: pred.accuracy ? 'predicted accuracy (%)' : 'ensemble score',
        },
      ),
    );
    const markdown = [
      `**${name}** imported from ONNX: ${model.nodes.length} CG nodes, ${(modelCost.macs / 1e6).toFixed(1)} M MACs, ${(modelCost.params / 1e6).toFixed(3)} M params` +
        (imported.unmappedOps.length > 0
          ? `; ${imported.unmappedOps.length} op(s) outside the vocabulary kept as \`<oov>\`: ${[...new Set(imported.unmappedOps.map((u) => u.opType))].join(', ')}.`
          : '; every op maps to the CG vocabulary.'),
      '',
      `The predictor ensemble (${train.length} networks from NB-201, NB-101 and NB-301, ${epochs} epochs per member) ranks it **${rank} of ${reference.length + 1}** among ${reference.length} held-out NB-201 cells, predicted accuracy ${predictedAcc.toFixed(2)} % (CIFAR-10 scale). On those reference cells the predicted ranking has Spearman ρ = ${refSrcc.toFixed(3)} with the true accuracy.`,
      '',
      '| rank | network | true accuracy (%) | M MACs |',
      '|---:|---|---:|---:|',
      ...[
        ...around.map((i) => {
          const r = reference[i]!;
          const j = order.indexOf(i) + 1;
          const shown = j < rank ? j : j + 1; // the model takes its own rank
          return [
            shown,
            `| ${shown} | NB-201 #${r.id} | ${r.accuracy.toFixed(2)} | ${(r.gflops * 1e3).toFixed(1)} |`,
          ] as const;
        }),
        [rank, `| **${rank}** | **${name}** | ? | ${(modelCost.macs / 1e6).toFixed(1)} |`] as const,
      ]
        .sort((a, b) => a[0] - b[0])
        .map(([, row]) => row),
      '',
      `![rank](${plot})`,
    ].join('\n');
    return {
      markdown,
      summary: `${name} ranks ${rank} of ${reference.length + 1} (predicted ${predictedAcc.toFixed(1)} %)`,
      files: files.map((f) => f.slice(ctx.outDir.length + 1)),
    };
  },
};
