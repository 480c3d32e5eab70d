import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { OnnxImportError } from '@cgnas/cg-core';
import { describe, expect, it } from 'vitest';

import { renderReport, runDemoSteps, type DemoStep, type DemoStepContext } from './demo-runner.js';
import { DEMO_STEPS } from './steps.js';
import { hardwareStep } from './steps/hardware-step.js';
import { onnxStep } from './steps/onnx-step.js';

function context(outDir: string, onnx: string | null = null): DemoStepContext {
  return { outDir, full: false, seed: 0, onnx, progress: () => {}, log: () => {} };
}

describe('the demo', () => {
  it('has the six steps of the main job, in order', () => {
    expect(DEMO_STEPS.map((s) => s.id)).toEqual(['graphs', 'predictor', 'search', 'hardware', 'boltzmann', 'onnx']);
  });

  it('reports a failing step and still runs the next one', async () => {
    const failing: DemoStep = {
      id: 'bad',
      title: 'bad step',
      run: () => Promise.reject(new Error('boom')),
    };
    const good: DemoStep = {
      id: 'good',
      title: 'good step',
      run: () => Promise.resolve({ markdown: 'all fine', summary: 'ok', files: [] }),
    };
    const outcomes = await runDemoSteps([failing, good], () => context(tmpdir()));
    expect(outcomes.map((o) => o.error?.message ?? null)).toEqual(['boom', null]);
    const report = renderReport(outcomes, { version: 't', date: 'd', machine: 'm' });
    expect(report).toContain('| bad step | **failed**: boom |');
    expect(report).toContain('all fine');
  });

  it('step 4 profiles blocks and compares reduced, original and control fronts on the four devices', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cgnas-demo-hw-'));
    const r = await hardwareStep.run(context(out));
    for (const f of ['hardware-friendliness.svg', 'hardware-friendliness.png', 'hardware-pareto.svg']) {
      expect(r.files).toContain(f);
      expect(existsSync(join(out, f))).toBe(true);
    }
    const rows = r.markdown.split('\n').filter((l) => /^\| (fpga|eyeriss|raspi4|pixel3) \|/.test(l));
    expect(rows).toHaveLength(4);
    const wins = rows.filter((l) => l.endsWith('| yes |')).length;
    expect(r.summary).toBe(`reduced space has the best hypervolume on ${wins}/4 HW-NAS-Bench devices`);
    // Every edge keeps at least one op after reduction.
    expect(r.markdown.split('\n').filter((l) => /^\| e\d/.test(l))).toHaveLength(6);
  }, 120_000);

  it('step 6 is skipped without --onnx and rejects a corrupt model with a typed error', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cgnas-demo-onnx-'));
    const skipped = await onnxStep.run(context(out));
    expect(skipped.skipped).toBe(true);
    const bad = join(out, 'bad.onnx');
    writeFileSync(bad, Buffer.from([0x08, 0x07, 0x12, 0xff, 0xff, 0x01]));
    await expect(onnxStep.run(context(out, bad))).rejects.toThrow(OnnxImportError);
    await expect(onnxStep.run(context(out, join(out, 'missing.onnx')))).rejects.toThrow(/cannot read --onnx/);
  });
});
