// `cgnas embed`: one embedding per input line from a pretrained encoder. Input lines are family
// encodings ({"family": "nb201", "arch": "|...|"}) or CG JSON; output lines are JSON arrays.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { Command } from 'commander';
import { type GraphFeatures, graphFeatures } from '@cgnas/cg-core';
import { batchGraphs, graphFromRecord, loadEncoder } from '@cgnas/encoder';
import { selectTfBackend } from '@cgnas/native/tf';

import { CliUsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { intOption } from '../util/option-parsers.js';
import { writeOutput } from '../util/write-output.js';

interface EmbedCliOptions {
  model: string;
  in: string;
  out?: string;
  batchSize: string;
}

export function registerEmbed(program: Command, ctx: CliContext): void {
  program
    .command('embed')
    .description('embed computation graphs with a pretrained encoder: one JSON array per input line')
    .requiredOption('--model <dir>', 'model folder (from cgnas pretrain --out, or its encoder/ folder)')
    .requiredOption('--in <file.jsonl>', 'JSON Lines of {"family","arch"} encodings or CG JSON')
    .option('--out <file>', 'write the embeddings here instead of standard output')
    .option('--batch-size <n>', 'graphs per forward pass', '64')
    .action(async (opts: EmbedCliOptions) => {
      const batchSize = intOption('embed', '--batch-size', opts.batchSize, 1);
      const input = resolve(opts.in);
      if (!existsSync(input))
        throw new CliUsageError(`cli.embed: Expected a readable file for --in but ${input} does not exist`);
      let modelDir = resolve(opts.model);
      if (!existsSync(join(modelDir, 'model.json')) && existsSync(join(modelDir, 'encoder', 'model.json'))) {
        modelDir = join(modelDir, 'encoder');
      }
      await selectTfBackend();
      const encoder = loadEncoder(modelDir);
      const features: GraphFeatures[] = [];
      readFileSync(input, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (line.trim() === '') return;
          let record: unknown;
          try {
            record = JSON.parse(line);
          } catch (error) {
            throw new CliUsageError(`cli.embed: line ${i + 1} of ${input} is not JSON (${(error as Error).message})`);
          }
          try {
            features.push(graphFeatures(graphFromRecord(record)));
          } catch (error) {
            throw new CliUsageError(`cli.embed: line ${i + 1} of ${input}: ${(error as Error).message}`);
          }
        });
      const lines: string[] = [];
      try {
        for (let i = 0; i < features.length; i += batchSize) {
          for (const e of encoder.embed(batchGraphs(features.slice(i, i + batchSize))))
            lines.push(JSON.stringify(Array.from(e)));
        }
      } finally {
        encoder.dispose();
      }
      if (opts.out) {
        writeOutput(resolve(opts.out), lines.length > 0 ? `${lines.join('\n')}\n` : '');
        ctx.err(`embedded ${lines.length} graphs → ${resolve(opts.out)}`);
      } else {
        for (const l of lines) ctx.out(l);
      }
    });
}
