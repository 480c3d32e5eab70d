import { describe, expect, it } from 'vitest';

import { NativeInputError } from '../errors.js';
import { Rng } from './rng.js';

describe('Rng', () => {
  it('is reproducible for a seed and differs across seeds and streams', () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng(42)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng(42)),
    );
    const c = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng(43)),
    );
    const d = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.nextUint32()
      )(new Rng(42, 1)),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).not.toEqual(d);
  });

  it('matches the xoshiro128** reference output for a known state', () => {
    // Reference: the C implementation with s = {1, 2, 3, 4} gives 11520, 0, 5927040, 70819200, ...
    const r = new Rng(0);
    r.setState([1, 2, 3, 4]);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([11520, 0, 5927040, 70819200]);
  });

  it('float is uniform: mean and variance within 4 sigma over 200k draws', () => {
    const r = new Rng(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = r.float();
      if (!(x >= 0 && x < 1)) outside++;
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    expect(outside).toBe(0);
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('int has no modulo bias (chi-square over 6 bins)', () => {
    const r = new Rng(3);
    const counts = new Array(6).fill(0);
    const n = 60_000;
    for (let i = 0; i < n; i++) counts[r.int(6)]++;
    const chi2 = counts.reduce((acc, c) => acc + (c - n / 6) ** 2 / (n / 6), 0);
    expect(chi2).toBeLessThan(20.5); // p = 0.001 at 5 dof
  });

  it('normal has mean 0 and variance 1', () => {
    const r = new Rng(11);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.015);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
  });

  it('state round-trips and sampleIndices gives distinct indices', () => {
    const r = new Rng(5);
    r.nextUint32();
    const state = r.getState();
    const x = r.nextUint32();
    r.setState(state);
    expect(r.nextUint32()).toBe(x);
    const idx = new Rng(1).sampleIndices(10, 10);
    expect([...idx].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('rejects bad arguments with NativeInputError', () => {
    expect(() => new Rng(1.5)).toThrow(NativeInputError);
    expect(() => new Rng(1).int(0)).toThrow(NativeInputError);
    expect(() => new Rng(1).choice([])).toThrow(NativeInputError);
  });
});
