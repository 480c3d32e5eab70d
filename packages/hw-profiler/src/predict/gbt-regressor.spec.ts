import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { HwInputError, PredictorFileError } from '../errors.js';
import { GbtRegressor } from './gbt-regressor.js';

describe('GbtRegressor', () => {
  it('learns an interaction (xor) that no additive model can represent', () => {
    const rng = new Rng(2);
    const x = Array.from({ length: 400 }, () => Float64Array.of(rng.int(2), rng.int(2), rng.float()));
    const y = x.map((r) => (r[0] !== r[1] ? 3 : 0));
    const m = GbtRegressor.fit(x, y, { trees: 60, depth: 3, learningRate: 0.3, subsample: 1 });
    expect(m.predict(Float64Array.of(0, 1, 0.5))).toBeCloseTo(3, 1);
    expect(m.predict(Float64Array.of(1, 1, 0.5))).toBeCloseTo(0, 1);
  });

  it('serialises to JSON and back with identical predictions', () => {
    const rng = new Rng(3);
    const x = Array.from({ length: 200 }, () => Float64Array.of(rng.float(), rng.float()));
    const y = x.map((r) => Math.sin(6 * r[0]!) + r[1]!);
    const m = GbtRegressor.fit(x, y, { trees: 30, seed: 5 });
    const back = GbtRegressor.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    for (const r of x.slice(0, 20)) expect(back.predict(r)).toBe(m.predict(r));
  });

  it('rejects bad options, wrong feature sizes and corrupt JSON', () => {
    const x = [Float64Array.of(0), Float64Array.of(1), Float64Array.of(2)];
    expect(() => GbtRegressor.fit(x, [1, 2, 3], { depth: 0 })).toThrow(HwInputError);
    expect(() => GbtRegressor.fit(x, [1, 2, 3], { trees: 2 }).predict(Float64Array.of(1, 2))).toThrow(HwInputError);
    expect(() => GbtRegressor.fromJSON({ kind: 'lut' })).toThrow(PredictorFileError);
  });
});
