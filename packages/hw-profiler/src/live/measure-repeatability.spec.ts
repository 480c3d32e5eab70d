import { nb201Graph } from '@cgnas/cg-core';
import { describe, expect, it } from 'vitest';

import { MeasurementError } from '../errors.js';
import { measureRepeatability, relativeSpread } from './measure-repeatability.js';

const ARCH = '|nor_conv_3x3~0|+|none~0|nor_conv_1x1~1|+|skip_connect~0|avg_pool_3x3~1|skip_connect~2|';

describe('measureRepeatability', () => {
  it('relativeSpread is (max − min) / median', () => {
    expect(relativeSpread([10, 11, 9, 10.5, 10])).toBeCloseTo(2 / 10, 12);
    expect(relativeSpread([4, 2])).toBeCloseTo(2 / 3, 12);
  });

  it.each([false, true])(
    'times independent ort sessions (interleave %s): one median per run, wall and CPU time',
    { timeout: 120_000 },
    async (interleave) => {
      const r = await measureRepeatability(nb201Graph(ARCH), 'ort', 3, {
        threads: 1,
        warmup: 1,
        maxWarmup: 30,
        repeats: 4,
        interleave,
      });
      expect(r.medians).toHaveLength(3);
      expect(r.cpuMedians).toHaveLength(3);
      expect(r.interleaved).toBe(interleave);
      for (const m of r.medians) expect(m).toBeGreaterThan(0);
      expect(r.relativeSpread).toBeCloseTo(relativeSpread(r.medians), 12);
      expect(r.environment.threads).toBe(1);
      // Every session warmed up at least `warmup` runs and at most max(warmup, maxWarmup).
      expect(r.warmupRuns).toHaveLength(3);
      for (const w of r.warmupRuns) expect(w).toBeGreaterThanOrEqual(1);
      for (const w of r.warmupRuns) expect(w).toBeLessThanOrEqual(30);
    },
  );

  it('tfjs sessions interleave too', { timeout: 120_000 }, async () => {
    const r = await measureRepeatability(nb201Graph(ARCH), 'tfjs', 2, { warmup: 1, repeats: 2, interleave: true });
    expect(r.medians).toHaveLength(2);
    expect(r.environment.runtime).toMatch(/^tfjs-/);
    expect(r.warmupRuns).toHaveLength(2);
  });

  it('rejects fewer than 2 runs', async () => {
    await expect(measureRepeatability(nb201Graph(ARCH), 'ort', 1)).rejects.toThrow(MeasurementError);
    await expect(measureRepeatability(nb201Graph(ARCH), 'ort', 2, { maxWarmup: -1 })).rejects.toThrow(MeasurementError);
  });
});
