import { selectTfBackend, tf } from '@cgnas/native/tf';
import { beforeAll, describe, expect, it } from 'vitest';

import { contrastiveLoss } from './contrastive-loss.js';

beforeAll(async () => {
  await selectTfBackend();
});

/** The loss of GENNAPE eq. 2 in float64, straight from the formula. */
function reference(h: number[][], alpha: number[][], tau: number): number {
  const z = h.map((r) => {
    const n = Math.hypot(...r);
    return r.map((v) => v / n);
  });
  let total = 0;
  let rows = 0;
  for (let i = 0; i < z.length; i++) {
    if (alpha[i]!.every((v) => v === 0)) continue;
    rows++;
    const sim = z.map((zs) => zs.reduce((s, v, k) => s + v * z[i]![k]!, 0) / tau);
    const denom = sim.reduce((s, v, r) => (r === i ? s : s + Math.exp(v)), 0);
    for (let s = 0; s < z.length; s++)
      if (alpha[i]![s]! > 0) total -= alpha[i]![s]! * Math.log(Math.exp(sim[s]!) / denom);
  }
  return total / rows;
}

describe('contrastiveLoss', () => {
  it('matches the float64 formula, skipping rows without positives', () => {
    const h = [
      [1, 0.2, -0.3],
      [0.9, 0.1, -0.2],
      [-0.5, 1, 0.3],
      [0.1, -0.4, 0.8],
    ];
    const alpha = [
      [0, 0.7, 0.2, 0.1],
      [1, 0, 0, 0],
      [0, 0, 0, 0],
      [0.25, 0.25, 0.5, 0],
    ];
    for (const tau of [0.05, 0.5]) {
      const got = tf.tidy(() => contrastiveLoss(tf.tensor2d(h), tf.tensor2d(alpha), tau).dataSync()[0]!);
      expect(got).toBeCloseTo(reference(h, alpha, tau), 4);
    }
  });
});
