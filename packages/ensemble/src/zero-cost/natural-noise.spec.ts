import { describe, expect, it } from 'vitest';

import { Rng } from '@cgnas/native';

import { pearson } from '../metrics/spearman.js';
import { naturalNoise } from './natural-noise.js';

describe('naturalNoise', () => {
  const [batch, h, w, c] = [16, 32, 32, 3];
  const at = (x: Float32Array, b: number, y: number, xx: number, ch: number) => x[((b * h + y) * w + xx) * c + ch]!;

  it('z-scores each channel over the batch and is seeded', () => {
    const x = naturalNoise(new Rng(3), batch, h, w, c);
    expect(x).toHaveLength(batch * h * w * c);
    for (let ch = 0; ch < c; ch++) {
      const v = Array.from(x).filter((_, i) => i % c === ch);
      const mean = v.reduce((s, t) => s + t, 0) / v.length;
      const sd = Math.sqrt(v.reduce((s, t) => s + (t - mean) ** 2, 0) / v.length);
      expect(mean).toBeCloseTo(0, 5);
      expect(sd).toBeCloseTo(1, 5);
    }
    expect(naturalNoise(new Rng(3), batch, h, w, c)).toEqual(x);
    expect(naturalNoise(new Rng(4), batch, h, w, c)).not.toEqual(x);
    // 1×1 inputs (vector networks) still get unit-variance noise, not zeros.
    const vec = naturalNoise(new Rng(3), 64, 1, 1, 4);
    expect(Array.from(vec).reduce((s, v) => s + v * v, 0) / vec.length).toBeCloseTo(1, 5);
  });

  it('has the spatial and colour correlations of natural images, unlike white noise', () => {
    const x = naturalNoise(new Rng(5), batch, h, w, c);
    const left: number[] = [];
    const right: number[] = [];
    const far: number[] = [];
    const red: number[] = [];
    const green: number[] = [];
    for (let b = 0; b < batch; b++) {
      for (let y = 0; y < h; y++) {
        for (let xx = 0; xx + 1 < w; xx++) {
          left.push(at(x, b, y, xx, 0));
          right.push(at(x, b, y, xx + 1, 0));
          far.push(at(x, b, y, (xx + 16) % w, 0));
          red.push(at(x, b, y, xx, 0));
          green.push(at(x, b, y, xx, 1));
        }
      }
    }
    // 1/f: neighbours correlated, correlation falling with distance; channels correlate at about 0.9.
    const near = pearson(left, right);
    expect(near).toBeGreaterThan(0.5);
    expect(pearson(left, far)).toBeLessThan(near - 0.2);
    expect(pearson(red, green)).toBeGreaterThan(0.8);
    expect(pearson(red, green)).toBeLessThan(0.97);
    // White noise (the 'gaussian' inputs) has neither.
    const rng = new Rng(5);
    const white = Array.from({ length: left.length + 1 }, () => rng.normal());
    expect(Math.abs(pearson(white.slice(0, -1), white.slice(1)))).toBeLessThan(0.05);
  });
});
