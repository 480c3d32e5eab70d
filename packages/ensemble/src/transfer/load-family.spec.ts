import { describe, expect, it } from 'vitest';

import { loadFamily } from './load-family.js';

describe('loadFamily', () => {
  it('loads the NB-101 and NB-301 samples as CGs whose FLOPs track the published (NASLib) FLOPs', async () => {
    const { loadNb101Sample, loadNb301Sample } = await import('@cgnas/cg-core');
    for (const [name, published] of [
      ['nb101', loadNb101Sample().map((r) => r.zc.flops!)],
      ['nb301', loadNb301Sample().map((r) => r.zc.flops!)],
    ] as const) {
      const nets = loadFamily(name);
      expect(nets).toHaveLength(published.length);
      // Published MFLOPs vs ours: same order of magnitude network by network.
      for (let i = 0; i < nets.length; i += 50) {
        const ratio = (nets[i]!.gflops * 1e3) / published[i]!;
        expect(ratio).toBeGreaterThan(0.5);
        expect(ratio).toBeLessThan(2);
      }
      for (const n of nets) expect(Number.isFinite(n.accuracy)).toBe(true);
    }
  }, 60_000);

  it('samples NB-201 with a seed and keeps only none-free cells when asked', () => {
    const a = loadFamily('nb201', { limit: 40, seed: 1, noneFree: true });
    const b = loadFamily('nb201', { limit: 40, seed: 1, noneFree: true });
    expect(a.map((n) => n.id)).toEqual(b.map((n) => n.id));
    expect(a).toHaveLength(40);
    for (const n of a) expect(n.input.meta.arch).not.toMatch(/none/);
    expect(a.some((n) => Number.isFinite(n.proxies.synflow!))).toBe(true);
  }, 60_000);
});
