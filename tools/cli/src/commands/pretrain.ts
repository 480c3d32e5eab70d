// `cgnas pretrain`: contrastive pretraining of the k-GNN encoder on CGs sampled from several families
// (GENNAPE §3.3). Writes DIR/encoder (the model, refreshed every epoch), DIR/checkpoint (for --resume)
// and DIR/pretrain.json (settings, losses, timings).
import { join, resolve } from 'node:path';

import type { Command } from 'commander';
import { PRETRAIN_DEFAULTS, PRETRAIN_FAMILIES, buildPretrainCorpus, pretrainEncoder } from '@cgnas/encoder';
import { getThreads, setThreads } from '@cgnas/native';
import { selectTfBackend } from '@cgnas/native/tf';

import { CliUsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { intOption, positiveOption } from '../util/option-parsers.js';
import { createProgress } from '../progress.js';
import { writeOutput } from '../util/write-output.js';

interface PretrainCliOptions {
  families: string;
  graphs: string;
  variant: string;
  out: string;
  epochs: string;
  batchSize: string;
  lr: string;
  temperature: string;
  seed: string;
  threads?: string;
  resume?: boolean;
}

const int = (name: string, value: string, min: number): number => intOption('pretrain', `--${name}`, value, min);
const positive = (name: string, value: string): number => positiveOption('pretrain', `--${name}`, value);

export function registerPretrain(program: Command, ctx: CliContext): void {
  const d = PRETRAIN_DEFAULTS;
  program
    .command('pretrain')
    .description('pretrain the k-GNN graph encoder by contrastive learning on sampled computation graphs')
    .requiredOption('--out <dir>', 'output folder: encoder/, checkpoint/, pretrain.json')
    .option(
      '--families <list>',
      `comma-separated families (${PRETRAIN_FAMILIES.join(', ')})`,
      'nb101,nb201,nb301,ofa-mbv3',
    )
    .option('--graphs <n>', 'graphs to sample, split evenly over the families', '20000')
    .option('--variant <A|B>', 'A: spectral nearest neighbour positives; B: SimCSE dropout positives', d.variant)
    .option('--epochs <n>', 'epochs', String(d.epochs))
    .option('--batch-size <n>', 'rows of the similarity matrix per step (even)', String(d.batchSize))
    .option('--lr <x>', 'Adam learning rate', String(d.learningRate))
    .option('--temperature <x>', 'temperature τ of the contrastive loss', String(d.temperature))
    .option('--seed <n>', 'seed for sampling, initialisation and batching', '0')
    .option('--threads <n>', 'native threads (default: all cores or CGNAS_THREADS)')
    .option('--resume', 'continue from the checkpoint in --out')
    .action(async (opts: PretrainCliOptions) => {
      const variant = opts.variant.toUpperCase();
      if (variant !== 'A' && variant !== 'B')
        throw new CliUsageError(`cli.pretrain: Expected A or B for --variant but received ${opts.variant}`);
      const families = opts.families
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = families.filter((f) => !PRETRAIN_FAMILIES.includes(f));
      if (families.length === 0 || unknown.length > 0) {
        throw new CliUsageError(
          `cli.pretrain: Expected families from ${PRETRAIN_FAMILIES.join(', ')} for --families but received ${unknown.join(', ') || 'none'}`,
        );
      }
      const graphs = int('graphs', opts.graphs, 2);
      const epochs = int('epochs', opts.epochs, 1);
      const batchSize = int('batch-size', opts.batchSize, 4);
      const seed = int('seed', opts.seed, 0);
      const learningRate = positive('lr', opts.lr);
      const temperature = positive('temperature', opts.temperature);
      if (opts.threads !== undefined) setThreads(int('threads', opts.threads, 1));
      const out = resolve(opts.out);
      const tfChoice = await selectTfBackend();
      const started = performance.now();

      const corpusBar = createProgress(ctx, 'sampling graphs');
      const corpus = buildPretrainCorpus({
        families,
        graphs,
        seed,
        onProgress: (done, total) => corpusBar.update(done / total, `${done}/${total} graphs`),
      });
      const unique = new Set(corpus.items.map((i) => i.key)).size;
      corpusBar.stop(`sampled ${graphs} graphs (${unique} distinct) from ${families.join(', ')}`);
      const corpusSeconds = (performance.now() - started) / 1000;

      const bar = createProgress(ctx, `pretrain (${variant})`);
      const result = await pretrainEncoder(corpus, {
        variant,
        epochs,
        batchSize,
        learningRate,
        temperature,
        seed,
        checkpointDir: out,
        resume: Boolean(opts.resume),
        onProgress: (p) =>
          bar.update(
            (p.epoch - 1 + p.step / p.steps) / p.epochs,
            `epoch ${p.epoch}/${p.epochs} | loss ${p.loss.toFixed(4)} | ${Math.round(p.graphsPerSecond)} graphs/s`,
          ),
      });
      const seconds = (performance.now() - started) / 1000;
      const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
      bar.stop(
        `pretrained: final loss ${result.losses.at(-1)?.toFixed(4)} in ${seconds.toFixed(1)} s, peak-ish RSS ${rssMb} MB`,
      );
      const summary = {
        variant,
        families,
        graphs,
        distinctGraphs: unique,
        epochs,
        batchSize,
        learningRate,
        temperature,
        seed,
        resumedFrom: result.resumedFrom,
        losses: result.losses,
        encoder: result.encoder.config,
        kernels: result.encoder.backend,
        tfBackend: tfChoice.backend,
        threads: getThreads(),
        corpusSeconds,
        seconds,
        rssMb,
      };
      result.encoder.dispose();
      writeOutput(join(out, 'pretrain.json'), `${JSON.stringify(summary, null, 2)}\n`);
      ctx.out(join(out, 'encoder'));
    });
}
