import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { nb201Encoding } from '../encoding/nb201-encoding.js';
import { HwInputError } from '../errors.js';
import { LearnedPredictor } from './learned-predictor.js';

// A synthetic device: additive per-op costs (the clean latency) and, on 20% of measurements, a 1.5–3×
// slowdown (the heavy tail of a phone's timer). The trimmed fit should track the clean latency.
function device(n: number, seed: number) {
  const rng = new Rng(seed);
  const cost = [0, 0.2, 1, 3, 0.5];
  const archs = Array.from({ length: n }, () => nb201Encoding.sample((k) => rng.int(k)));
  const clean = archs.map((a) => 1 + a.blocks.reduce((s, b, p) => s + cost[b]! * (1 + p / 6), 0));
  const measured = clean.map((c) => (rng.float() < 0.2 ? c * (1.5 + 1.5 * rng.float()) : c));
  return { archs, clean, measured };
}

describe('LearnedPredictor', () => {
  it(
    'trimmed refits recover the clean latency under heavy-tailed outliers better than one fit',
    { timeout: 60_000 },
    () => {
      const train = device(1500, 1);
      const test = device(500, 2);
      const within = (p: LearnedPredictor) =>
        test.archs.filter((a, i) => Math.abs(p.predict(a) / test.clean[i]! - 1) <= 0.1).length / test.archs.length;
      const opts = { trees: 120, seed: 0 };
      const plain = within(LearnedPredictor.fit('nb201', train.archs, train.measured, opts));
      const trimmed = within(LearnedPredictor.fit('nb201', train.archs, train.measured, opts, { rounds: 2 }));
      expect(trimmed).toBeGreaterThan(plain + 0.1);
      expect(trimmed).toBeGreaterThan(0.7);
    },
  );

  it('round-trips through JSON and rejects bad trim options', () => {
    const d = device(60, 3);
    const p = LearnedPredictor.fit('nb201', d.archs, d.measured, { trees: 10 }, { rounds: 1 });
    const q = LearnedPredictor.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
    expect(q.predict(d.archs[0]!)).toBeCloseTo(p.predict(d.archs[0]!), 12);
    expect(() => LearnedPredictor.fit('nb201', d.archs, d.measured, {}, { keep: 0 })).toThrow(HwInputError);
    expect(() => LearnedPredictor.fit('nb201', d.archs, d.measured, {}, { rounds: 1.5 })).toThrow(HwInputError);
  });
});
