import { tf } from '@cgnas/native/tf';
import { describe, expect, it } from 'vitest';

import { avgPoolExcludePad } from './avg-pool-exclude-pad.js';

describe('avgPoolExcludePad', () => {
  it('divides by the in-bounds taps (PyTorch count_include_pad=False), checked by hand', () => {
    const y = tf.tidy(() => avgPoolExcludePad(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]), 3, 1, [1, 1, 1, 1]).dataSync());
    // Every 3x3 window over a 2x2 image covers all four pixels: mean 2.5 everywhere.
    expect(Array.from(y)).toEqual([2.5, 2.5, 2.5, 2.5]);
  });

  it('matches a float64 reference, forward and gradient (the op is linear: ∂<r, y>/∂x_i = Σ r_o / count_o)', () => {
    const [bsz, h, w, c] = [2, 7, 6, 3];
    const before = tf.memory().numTensors;
    for (const [k, s, pads] of [
      [3, 1, [1, 1, 1, 1]],
      [2, 2, [0, 0, 0, 0]],
      [3, 2, [1, 0, 1, 1]],
    ] as const) {
      const x = Array.from({ length: bsz * h * w * c }, (_, i) => Math.sin(i * 1.7));
      const oh = Math.floor((h + pads[0] + pads[2] - k) / s) + 1;
      const ow = Math.floor((w + pads[1] + pads[3] - k) / s) + 1;
      const r = Array.from({ length: bsz * oh * ow * c }, (_, i) => Math.cos(i * 0.3));
      const ref = new Float64Array(r.length);
      const dref = new Float64Array(x.length);
      for (let b = 0; b < bsz; b++)
        for (let i = 0; i < oh; i++)
          for (let j = 0; j < ow; j++)
            for (let ch = 0; ch < c; ch++) {
              const taps: number[] = [];
              for (let u = 0; u < k; u++)
                for (let v = 0; v < k; v++) {
                  const ih = i * s - pads[0] + u;
                  const iw = j * s - pads[1] + v;
                  if (ih >= 0 && ih < h && iw >= 0 && iw < w) taps.push(((b * h + ih) * w + iw) * c + ch);
                }
              const o = ((b * oh + i) * ow + j) * c + ch;
              ref[o] = taps.reduce((acc, t) => acc + x[t]!, 0) / taps.length;
              for (const t of taps) dref[t]! += r[o]! / taps.length;
            }
      tf.tidy(() => {
        const xt = tf.tensor4d(x, [bsz, h, w, c]);
        const y = avgPoolExcludePad(xt, k, s, pads);
        expect(y.shape).toEqual([bsz, oh, ow, c]);
        const yv = y.dataSync();
        ref.forEach((v, i) => expect(yv[i]).toBeCloseTo(v, 5));
        const rt = tf.tensor4d(r, [bsz, oh, ow, c]);
        const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(avgPoolExcludePad(t as tf.Tensor4D, k, s, pads), rt)))(xt);
        const gv = g.dataSync();
        dref.forEach((v, i) => expect(gv[i]).toBeCloseTo(v, 5));
      });
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
