// Assembles the cgnas command tree. Each command lives in src/commands/<name>.ts and registers itself here.
import { readFileSync } from 'node:fs';

import { Command } from 'commander';

import type { CliContext } from './context.js';
import { registerBm } from './commands/bm.js';
import { registerDemo } from './commands/demo.js';
import { registerDoctor } from './commands/doctor.js';
import { registerBlocks } from './commands/blocks.js';
import { registerLatency } from './commands/latency.js';
import { registerProfile } from './commands/profile.js';
import { registerReduce } from './commands/reduce.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerGraph } from './commands/graph.js';
import { registerGraphImportExport } from './commands/graph-onnx.js';
import { registerPredict } from './commands/predict.js';
import { registerTrain } from './commands/train.js';
import { registerEmbed } from './commands/embed.js';
import { registerPretrain } from './commands/pretrain.js';
import { registerSearch } from './commands/search.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const CLI_VERSION: string = pkg.version;

export function createProgram(ctx: CliContext): Command {
  const program = new Command('cgnas')
    .description(
      'Predict neural-network accuracy before training, search networks under hardware budgets, and train Boltzmann machines.',
    )
    .version(CLI_VERSION, '-V, --version', 'print the cgnas version')
    .showHelpAfterError('(run `cgnas --help` for usage)')
    .configureOutput({
      writeOut: (s) => ctx.out(s.replace(/\n$/, '')),
      writeErr: (s) => ctx.err(s.replace(/\n$/, '')),
    })
    .exitOverride();
  registerDoctor(program, ctx);
  registerProfile(program, ctx);
  registerBlocks(program, ctx);
  registerReduce(program, ctx);
  registerLatency(program, ctx);
  registerTrain(program, ctx);
  registerPredict(program, ctx);
  registerEvaluate(program, ctx);
  registerDemo(program, ctx);
  registerPretrain(program, ctx);
  registerEmbed(program, ctx);
  registerBm(program, ctx);
  registerSearch(program, ctx);
  registerGraph(program, ctx, [registerGraphImportExport]);
  return program;
}
