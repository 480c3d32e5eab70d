// Runs the demo's steps in order, timing each; a failing step is reported and the others still run.
// Each step returns a Markdown section for out/report.md and the plots it wrote.

export interface DemoStepContext {
  /** Output folder (report, plots). */
  readonly outDir: string;
  /** Full-size runs instead of the ≤ 5 minute budget. */
  readonly full: boolean;
  readonly seed: number;
  /** Optional ONNX model from the user (step 6). */
  readonly onnx: string | null;
  /** Progress for the current step: a fraction in [0, 1] and a short status. */
  progress(fraction: number, status: string): void;
  /** A line for the terminal (results worth seeing live). */
  log(line: string): void;
}

export interface DemoStepResult {
  /** Markdown for the report (without the step heading). */
  readonly markdown: string;
  /** One-line summary for the terminal and the report's headline table. */
  readonly summary: string;
  /** Files written (plots, tables), relative to outDir. */
  readonly files: readonly string[];
  /** A step can be skipped (e.g. no --onnx given); skipped is not failed. */
  readonly skipped?: boolean;
}

export interface DemoStep {
  readonly id: string;
  readonly title: string;
  run(ctx: DemoStepContext): Promise<DemoStepResult>;
}

export interface DemoStepOutcome {
  readonly step: DemoStep;
  readonly seconds: number;
  readonly result: DemoStepResult | null;
  readonly error: Error | null;
}

export async function runDemoSteps(
  steps: readonly DemoStep[],
  makeContext: (step: DemoStep, index: number) => DemoStepContext,
  onDone: (outcome: DemoStepOutcome, index: number) => void = () => {},
): Promise<DemoStepOutcome[]> {
  const outcomes: DemoStepOutcome[] = [];
  for (const [i, step] of steps.entries()) {
    const t0 = performance.now();
    let outcome: DemoStepOutcome;
    try {
      const result = await step.run(makeContext(step, i));
      outcome = { step, seconds: (performance.now() - t0) / 1000, result, error: null };
    } catch (error) {
      outcome = {
        step,
        seconds: (performance.now() - t0) / 1000,
        result: null,
        error: error instanceof Error ? error : new Error(String(error)),
      };
    }
    outcomes.push(outcome);
    onDone(outcome, i);
  }
  return outcomes;
}

/** The report: headline table (step, outcome, time), then each step's section. */
export function renderReport(
  outcomes: readonly DemoStepOutcome[],
  meta: { version: string; date: string; machine: string },
): string {
  const total = outcomes.reduce((s, o) => s + o.seconds, 0);
  const lines = [
    '# cgnas demo report',
    '',
    `cgnas ${meta.version} · ${meta.date} · ${meta.machine} · total ${total.toFixed(1)} s`,
    '',
    '| step | result | time (s) |',
    '|---|---|---:|',
    ...outcomes.map(
      (o) =>
        `| ${o.step.title} | ${o.error ? `**failed**: ${o.error.message.split('\n')[0]}` : o.result!.skipped ? `skipped: ${o.result!.summary}` : o.result!.summary} | ${o.seconds.toFixed(1)} |`,
    ),
    '',
  ];
  for (const o of outcomes) {
    lines.push(`## ${o.step.title}`, '');
    if (o.error) lines.push('This step failed:', '', '```', o.error.stack ?? o.error.message, '```', '');
    else lines.push(o.result!.markdown.trim(), '');
  }
  return lines.join('\n');
}
