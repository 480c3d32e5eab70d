import { Rng } from '@cgnas/native';
import { describe, expect, it, vi } from 'vitest';

// Data-heavy cases; the machine is shared, so allow for load rather than flake.
vi.setConfig({ testTimeout: 30_000 });

import { loadHwNasBenchFbnet } from '../../data/benchmark-data.js';
import { graphCost } from '../../graph/graph-cost.js';
import { ArchError } from '../arch-error.js';
import { FBNET_BLOCKS, fbnetFamily } from './fbnet-family.js';

describe('fbnetFamily', () => {
  it('all-skip network equals a hand count of HW-NAS-Bench FBNet_Infer (CIFAR-100)', () => {
    // Stem 3x3 3->16 + BN; skips convert width only at stage starts (1x1 conv + BN):
    // 16->16 identity, 16->24, 24->32, 32->64, 64->112, 112->184, 184->352; header 352->1504 + BN; FC 1504->100.
    const g = fbnetFamily.toGraph(Array(22).fill('skip'));
    const conv = (i: number, o: number) => i * o + 2 * o;
    const params =
      27 * 16 +
      32 +
      conv(16, 24) +
      conv(24, 32) +
      conv(32, 64) +
      conv(64, 112) +
      conv(112, 184) +
      conv(184, 352) +
      conv(352, 1504) +
      1504 * 100 +
      100;
    expect(graphCost(g).params).toBe(params);
    // Resolution: 32 → 32 (stride 1 stages 0, 1) → 16 → 8 → 8 → 4 → 4.
    expect(g.nodes.find((n) => n.op === 'global')!.inH).toBe(4);
  });

  it('k3_e1_g2 uses grouped 1x1 convs; residuals only where stride 1 and widths match', () => {
    const g = fbnetFamily.toGraph(Array(22).fill('k3_e1_g2'));
    expect(g.nodes.filter((n) => n.op === 'conv' && n.groups === 2).length).toBe(44);
    // 22 blocks minus the 6 that change width (stage starts 1..6; stage 0 is 16 -> 16 at stride 1).
    expect(g.nodes.filter((n) => n.op === 'add').length).toBe(22 - 6);
  });

  it('builds the first 1,000 HW-NAS-Bench members; MACs correlate with FPGA latency', () => {
    const rows = loadHwNasBenchFbnet().rows.slice(0, 1000);
    const macs = rows.map((r) => graphCost(fbnetFamily.toGraph(fbnetFamily.parse(r.key.blocks))).macs);
    const lat = rows.map((r) => r.latencyMs['fpga']!);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const mx = mean(macs);
    const my = mean(lat);
    const cov = macs.reduce((s, x, i) => s + (x - mx) * (lat[i]! - my), 0);
    const sx = Math.sqrt(macs.reduce((s, x) => s + (x - mx) ** 2, 0));
    const sy = Math.sqrt(lat.reduce((s, y) => s + (y - my) ** 2, 0));
    // On all 5,000 rows: Pearson 0.981 (fpga), 0.968 (eyeriss), 0.935 (raspi4), 0.950 (pixel3).
    expect(cov / (sx * sy)).toBeGreaterThan(0.95);
  });

  it('parses names or op indices, rejects bad members, seeded sample and one-block mutation', () => {
    const a = fbnetFamily.sample(new Rng(1));
    expect(fbnetFamily.parse(fbnetFamily.encode(a))).toEqual(a);
    expect(fbnetFamily.parse(a.map((b) => FBNET_BLOCKS.indexOf(b)))).toEqual(a);
    const idx = a.map((b) => FBNET_BLOCKS.indexOf(b)).join(' ');
    expect(fbnetFamily.parse({ sample: 0, blocks: a.join(' '), op_idx: idx })).toEqual(a);
    expect(fbnetFamily.parse({ op_idx: idx })).toEqual(a);
    expect(() => fbnetFamily.parse('k3_e1 k3_e1')).toThrow(ArchError);
    expect(() => fbnetFamily.parse(Array(22).fill('k7_e6'))).toThrow(ArchError);
    expect(() => fbnetFamily.parse(42)).toThrow(ArchError);
    const rng = new Rng(2);
    for (let t = 0; t < 100; t++) {
      const m = fbnetFamily.mutate(a, rng);
      expect(m.filter((b, i) => b !== a[i])).toHaveLength(1);
    }
  });
});
