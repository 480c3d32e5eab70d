// `cgnas latency fit|predict`: a latency predictor for the user's own device from as few as 10 measured
// networks (few-shot transfer from every device the repo knows), and predictions from a saved one.
import { readFileSync } from 'node:fs';

import type { Command } from 'commander';
import {
  DeviceBasis,
  FewShotPredictor,
  HW_SPACES,
  encodingFor,
  loadPredictorDir,
  parseMeasuredCsv,
  savePredictorDir,
  type HwSpace,
} from '@cgnas/hw-profiler';

import { CliUsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { writeOutput } from '../util/write-output.js';

export function parseSpace(value: string, command: string): HwSpace {
  if (!(HW_SPACES as readonly string[]).includes(value)) {
    throw new CliUsageError(`${command}: Expected one of ${HW_SPACES.join(', ')} for --space but received ${value}`);
  }
  return value as HwSpace;
}

function readText(path: string, command: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(
      `${command}: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export function registerLatency(program: Command, ctx: CliContext): void {
  const latency = program
    .command('latency')
    .description('latency predictors for your own device (few-shot transfer from known devices)');
  latency
    .command('fit')
    .description(
      'fit a predictor for a new device from a CSV of >= 10 measured architectures (native encoding + latency_ms)',
    )
    .requiredOption('--space <space>', `design space: ${HW_SPACES.join('|')}`)
    .requiredOption(
      '--measured <file>',
      'CSV with arch_str (nb201) / blocks (fbnet) / arch (ofa-mbv3, quoted) and latency_ms',
    )
    .requiredOption('--out <dir>', 'predictor directory to write (atomically)')
    .option('--exclude <devices>', 'comma-separated known devices to leave out of the basis (e.g. the same hardware)')
    .option('--json', 'print a JSON summary')
    .action((opts: { space: string; measured: string; out: string; exclude?: string; json?: boolean }) => {
      const space = parseSpace(opts.space, 'latency fit');
      const rows = parseMeasuredCsv(readText(opts.measured, 'latency fit'), space);
      if (rows.length < 10)
        throw new CliUsageError(`latency fit: Expected at least 10 measured architectures but received ${rows.length}`);
      const basis = DeviceBasis.build(space, opts.exclude ? opts.exclude.split(',').map((s) => s.trim()) : []);
      const p = FewShotPredictor.fit(
        basis,
        rows.map((r) => r.arch),
        rows.map((r) => r.latencyMs),
      );
      savePredictorDir(opts.out, p, { samples: rows.length, source: opts.measured, createdBy: 'cgnas latency fit' });
      const summary = {
        space,
        samples: rows.length,
        choice: p.choice,
        looRmseLog: p.looRmseLog,
        basisDevices: basis.devices.length,
        out: opts.out,
      };
      if (opts.json) ctx.out(JSON.stringify(summary));
      else {
        ctx.out(
          `fitted ${space} predictor on ${rows.length} networks: ${p.choice} (leave-one-out RMSE ${p.looRmseLog.toFixed(3)} in log ms)`,
        );
        ctx.out(`wrote ${opts.out}/predictor.json`);
      }
    });
  latency
    .command('predict')
    .description('predict latency (ms) for architectures, one per input line, one prediction per output line')
    .requiredOption('--model <dir>', 'predictor directory written by `cgnas latency fit`')
    .requiredOption('--in <file>', "architectures in the space's native encoding, one per line")
    .option('--out <file>', 'write predictions to a file instead of stdout')
    .action((opts: { model: string; in: string; out?: string }) => {
      const p = loadPredictorDir(opts.model);
      const enc = encodingFor(p.space);
      const lines = readText(opts.in, 'latency predict')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && l !== 'arch_str' && l !== 'blocks' && l !== 'arch');
      const preds = lines.map((l) => p.predict(enc.parse(l.replace(/^"|"$/g, ''))).toFixed(4));
      if (opts.out) writeOutput(opts.out, `${preds.join('\n')}\n`);
      else for (const v of preds) ctx.out(v);
    });
}
