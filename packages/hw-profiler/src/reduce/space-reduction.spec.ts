import { describe, expect, it } from 'vitest';

import type { AccuracyModel } from '../accuracy/ensemble-accuracy.js';
import { ofaMbv3Encoding } from '../encoding/ofa-mbv3-encoding.js';
import type { BlockArch } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';
import { OfaSubspace } from './ofa-subspace.js';
import { spaceReduction } from './space-reduction.js';

// A known additive accuracy model: each `good` block adds a point and every active layer half a point,
// so the scores have a right answer (OFA k*_e6 = 2, 5, 8; FBNet k5_e6 = 7).
function synthetic(good: readonly number[]): AccuracyModel & { calls: number } {
  const m = {
    label: 'synthetic accuracy (test)',
    // The reduction never touches the ensemble; a synthetic model has none.
    ensemble: null as never,
    source: 'test',
    calls: 0,
    predict(archs: readonly BlockArch[]) {
      m.calls += archs.length;
      return Float64Array.from(archs, (a) =>
        a.blocks.reduce((s, b) => s + (b < 0 ? 0 : 0.5 + (good.includes(b) ? 1 : 0)), 50),
      );
    },
    dispose() {},
  };
  return m;
}

describe('OfaSubspace', () => {
  it('counts distinct networks as enumeration does and hashes away inactive slots', () => {
    const allowed = [
      ...Array.from({ length: 20 }, (_, p) => (p % 4 === 3 ? [0, 4, 8] : p % 2 === 0 ? [1] : [2, 5])),
      [0, 2],
      [1],
      [0],
      [2],
      [0, 1],
    ];
    const s = new OfaSubspace(allowed, 160);
    // Enumerate every gene vector and count distinct hashes.
    const seen = new Set<string>();
    const walk = (g: number[]): void => {
      if (g.length === allowed.length) {
        seen.add(s.hash(g));
        return;
      }
      for (const c of allowed[g.length]!) walk([...g, c]);
    };
    walk([]);
    expect(s.size).toBe(seen.size);
    const a = s.toArch(s.decode(s.encode(allowed.map((x) => x[0]!))));
    expect(a.depths).toEqual([2, 3, 2, 4, 2]);
    expect(a.resolution).toBe(160);
    expect(a.blocks.filter((b) => b >= 0)).toHaveLength(13);
    expect(ofaMbv3Encoding.parse(s.hash(allowed.map((x) => x[0]!)))).toEqual(a);
    expect(() => new OfaSubspace(allowed.slice(1))).toThrow(HwInputError);
    expect(() => new OfaSubspace(allowed, 225)).toThrow(HwInputError);
  });
});

describe('spaceReduction', () => {
  it(
    'fbnet: keeps the blocks the accuracy model favours and compares three spaces at equal budgets',
    { timeout: 120_000 },
    () => {
      const acc = synthetic([7]);
      const r = spaceReduction('fbnet', 'fpga', acc, { pool: 300, budget: 40, population: 10, seeds: [0, 1] });
      expect(r.accuracyLabel).toBe('synthetic accuracy (test)');
      expect(r.latencyLabel).toMatch(/predicted latency on fpga/);
      expect(r.reduced).toHaveLength(22);
      // k5_e6 (7) is the only most accurate block: nothing dominates it, so every position keeps it.
      for (const g of r.reduced) expect(g).toContain(7);
      expect(r.results.map((v) => v.variant)).toEqual(['original', 'reduced', 'control']);
      const [orig, red, ctl] = r.results;
      expect(red!.size).toBe(ctl!.size);
      expect(red!.size).toBeLessThan(orig!.size);
      for (const v of r.results) for (const h of v.hypervolumes) expect(h).toBeGreaterThan(0);
      expect(() => spaceReduction('nb201', 'fpga', acc)).toThrow(HwInputError);
    },
  );

  it('ofa-mbv3: depth genes are reduced too and every searched network is a valid subnet', { timeout: 120_000 }, () => {
    const acc = synthetic([2, 5, 8]);
    const r = spaceReduction('ofa-mbv3', 'titan_rtx_1', acc, {
      pool: 300,
      budget: 30,
      population: 10,
      seeds: [0],
    });
    expect(r.genes).toHaveLength(25);
    expect(r.genes[24]).toBe('u4.depth');
    expect(r.choices[20]).toEqual(['d2', 'd3', 'd4']);
    // Accuracy grows with every active layer here, so depth 4 is never dominated.
    for (const g of r.reduced.slice(20)) expect(g).toContain(2);
    const [orig, red, ctl] = r.results;
    expect(red!.size).toBeLessThan(orig!.size);
    // Same number of distinct subnets in the control, though its blocks differ.
    expect(ctl!.size).toBe(red!.size);
    expect(r.control(0).slice(20)).toEqual(r.reduced.slice(20));
    for (const v of r.results) expect(v.front.length).toBeGreaterThan(0);
  });
});
