import { spearman } from '@cgnas/ensemble';
import { describe, expect, it } from 'vitest';

import { deviceDataset } from '../device/device-catalog.js';
import { HwInputError, PredictorFileError } from '../errors.js';
import { DeviceBasis } from './device-basis.js';
import { FewShotPredictor } from './few-shot-predictor.js';
import { LutPredictor } from './lut-predictor.js';

describe('latency predictors on the embedded device tables', () => {
  it(
    'the lookup table reproduces FPGA latencies (additive by construction in HW-NAS-Bench) on held-out cells',
    { timeout: 30_000 },
    () => {
      const ds = deviceDataset('nb201', 'fpga');
      const train = ds.archs.filter((_, i) => i % 20 === 0);
      const lut = LutPredictor.fit(
        'nb201',
        train,
        ds.latencyMs.filter((_, i) => i % 20 === 0),
      );
      let within = 0;
      let n = 0;
      for (let i = 7; i < ds.archs.length; i += 50) {
        n++;
        if (Math.abs(lut.predict(ds.archs[i]!) / ds.latencyMs[i]! - 1) <= 0.1) within++;
      }
      expect(within / n).toBeGreaterThan(0.99);
      expect(LutPredictor.fromJSON(JSON.parse(JSON.stringify(lut.toJSON()))).predict(ds.archs[3]!)).toBeCloseTo(
        lut.predict(ds.archs[3]!),
        12,
      );
    },
  );

  it(
    'few-shot transfer: a device that is a rescaled known device is recognised from 10 samples',
    { timeout: 30_000 },
    () => {
      const basis = DeviceBasis.build('nb201', ['pixel3']);
      const src = deviceDataset('nb201', 'titanx_32');
      const idx = [5, 900, 1234, 2000, 3333, 4444, 7000, 9000, 12000, 15000];
      // Target = 1.7 × titanx_32: the exact answer is the one-device fit on titanx_32.
      const p = FewShotPredictor.fit(
        basis,
        idx.map((i) => src.archs[i]!),
        idx.map((i) => 1.7 * src.latencyMs[i]!),
      );
      expect(p.choice).toMatch(/^device:titanx_32$|^ridge/);
      const test = Array.from({ length: 300 }, (_, k) => 37 * k + 11);
      expect(
        spearman(
          test.map((i) => src.latencyMs[i]!),
          test.map((i) => p.predict(src.archs[i]!)),
        ),
      ).toBeGreaterThan(0.99);
      const back = FewShotPredictor.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
      expect(back.predict(src.archs[42]!)).toBeCloseTo(p.predict(src.archs[42]!), 10);
    },
  );

  it('held-out hardware drops every batch size from the basis', () => {
    const basis = DeviceBasis.build('nb201', ['titanx_1']);
    expect(basis.devices.some((d) => d.startsWith('titanx_'))).toBe(false);
    expect(basis.devices).toContain('titanxp_1');
  });

  it('rejects too few samples, non-positive latencies and corrupt files', () => {
    const basis = DeviceBasis.build('nb201');
    const a = deviceDataset('nb201', 'fpga').archs.slice(0, 3);
    expect(() => FewShotPredictor.fit(basis, a.slice(0, 2), [1, 2])).toThrow(HwInputError);
    expect(() => FewShotPredictor.fit(basis, a, [1, 0, 2])).toThrow(HwInputError);
    expect(() => FewShotPredictor.fromJSON({ kind: 'few-shot' })).toThrow(PredictorFileError);
  });
});
