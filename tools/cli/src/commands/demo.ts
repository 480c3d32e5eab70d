// `cgnas demo`: the main job. Runs every part of cgnas on the embedded data within a few minutes and
// writes out/report.md with plots; a failing step is reported and the others still run.
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

import type { Command } from 'commander';

import { CliUsageError } from '../cli-error.js';
import type { CliContext } from '../context.js';
import { renderReport, runDemoSteps, type DemoStep } from '../demo/demo-runner.js';
import { DEMO_STEPS } from '../demo/steps.js';
import { CLI_VERSION } from '../program.js';
import { createProgress, type Progress } from '../progress.js';
import { intOption } from '../util/option-parsers.js';
import { writeOutput } from '../util/write-output.js';

interface DemoOptions {
  out: string;
  full?: boolean;
  seed: string;
  onnx?: string;
  only?: string;
}

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('run every part of cgnas on the embedded data and write a report with plots (≤ 5 minutes)')
    .option('--out <dir>', 'output folder for report.md and plots', 'out')
    .option('--full', 'run the full-size versions of each step (much longer)')
    .option('--seed <n>', 'seed for every random choice', '0')
    .option('--onnx <file>', 'also rank this ONNX model with the trained predictor')
    .option('--only <ids>', `run only these steps (comma-separated: ${DEMO_STEPS.map((s) => s.id).join(', ')})`)
    .action(async (opts: DemoOptions) => {
      const outDir = resolve(opts.out);
      const seed = intOption('demo', '--seed', opts.seed, -Infinity);
      let steps: readonly DemoStep[] = DEMO_STEPS;
      if (opts.only) {
        const ids = opts.only.split(',').map((s) => s.trim());
        const unknown = ids.filter((id) => !DEMO_STEPS.some((s) => s.id === id));
        if (unknown.length > 0) {
          throw new CliUsageError(
            `cli.demo: unknown step ${unknown.join(', ')}; choose from ${DEMO_STEPS.map((s) => s.id).join(', ')}`,
          );
        }
        steps = DEMO_STEPS.filter((s) => ids.includes(s.id));
      }
      let bar: Progress | null = null;
      const outcomes = await runDemoSteps(
        steps,
        (step, i) => {
          bar = createProgress(ctx, `[${i + 1}/${steps.length}] ${step.id}`);
          return {
            outDir,
            full: Boolean(opts.full),
            seed,
            onnx: opts.onnx ? resolve(opts.onnx) : null,
            progress: (f, s) => bar?.update(f, s),
            log: (line) => ctx.out(line),
          };
        },
        (o, i) => {
          const head = `[${i + 1}/${steps.length}] ${o.step.title}`;
          const status = o.error
            ? `FAILED: ${o.error.message.split('\n')[0]}`
            : o.result!.skipped
              ? `skipped: ${o.result!.summary}`
              : o.result!.summary;
          (bar as Progress | null)?.stop();
          ctx.out(`${head} — ${status} (${o.seconds.toFixed(1)} s)`);
        },
      );
      const report = renderReport(outcomes, {
        version: CLI_VERSION,
        date: new Date().toISOString().slice(0, 10),
        machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      });
      const reportPath = join(outDir, 'report.md');
      writeOutput(reportPath, report);
      const total = outcomes.reduce((s, o) => s + o.seconds, 0);
      const failed = outcomes.filter((o) => o.error);
      ctx.out('');
      ctx.out('step times: ' + outcomes.map((o) => `${o.step.id} ${o.seconds.toFixed(1)} s`).join(', '));
      ctx.out(`demo finished in ${total.toFixed(1)} s (${(total / 60).toFixed(1)} min); report: ${reportPath}`);
      if (failed.length > 0) {
        ctx.out(`${failed.length} step(s) failed: ${failed.map((o) => o.step.id).join(', ')}`);
        process.exitCode = 1;
      }
    });
}
