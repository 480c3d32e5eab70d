import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { deviceDataset } from '../device/device-catalog.js';
import { PredictorFileError } from '../errors.js';
import { DeviceBasis } from './device-basis.js';
import { FewShotPredictor } from './few-shot-predictor.js';
import { loadPredictorDir, savePredictorDir } from './predictor-dir.js';

describe('predictor directories', () => {
  it('save then load predicts identically, replaces an old dir and leaves no temp folders', { timeout: 30_000 }, () => {
    const ds = deviceDataset('nb201', 'silver_4114');
    const idx = Array.from({ length: 10 }, (_, k) => 1500 * k + 3);
    const p = FewShotPredictor.fit(
      DeviceBasis.build('nb201', ['silver_4114']),
      idx.map((i) => ds.archs[i]!),
      idx.map((i) => ds.latencyMs[i]!),
    );
    const root = mkdtempSync(join(tmpdir(), 'hw-pred-'));
    const dir = join(root, 'model');
    savePredictorDir(dir, p, { samples: 10, source: 'test', createdBy: 'spec' });
    savePredictorDir(dir, p, { samples: 10, source: 'test', createdBy: 'spec' });
    expect(readdirSync(root)).toEqual(['model']);
    const back = loadPredictorDir(dir);
    for (const i of [1, 77, 15624]) expect(back.predict(ds.archs[i]!)).toBeCloseTo(p.predict(ds.archs[i]!), 9);
  });

  it('rejects a missing or foreign predictor file', () => {
    const root = mkdtempSync(join(tmpdir(), 'hw-pred-'));
    expect(() => loadPredictorDir(join(root, 'nope'))).toThrow(PredictorFileError);
    writeFileSync(join(root, 'predictor.json'), JSON.stringify({ format: 'other' }));
    expect(() => loadPredictorDir(root)).toThrow(PredictorFileError);
  });
});
