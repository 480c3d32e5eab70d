import { Rng } from '@cgnas/native';
import { describe, expect, it, vi } from 'vitest';

// Data-heavy cases; the machine is shared, so allow for load rather than flake.
vi.setConfig({ testTimeout: 30_000 });

import { loadHelpOfaMbv3 } from '../../data/benchmark-data.js';
import { graphCost } from '../../graph/graph-cost.js';
import { validateGraph } from '../../graph/validate-graph.js';
import { ArchError } from '../arch-error.js';
import { ofaMbv3Family } from './ofa-mbv3-family.js';

const maxNet = { ks: Array(20).fill(7), e: Array(20).fill(6), d: [4, 4, 4, 4, 4], r: 224 };

function spearman(a: readonly number[], b: readonly number[]): number {
  const rank = (v: readonly number[]) => {
    const idx = v.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(v.length);
    idx.forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  const d2 = ra.reduce((s, x, i) => s + (x - rb[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('ofaMbv3Family', () => {
  it('the largest w1.0 subnet matches OFA published size', () => {
    // Reference: Cai et al., "Once-for-All", ICLR 2020 / mit-han-lab/once-for-all README: the
    // ofa_mbv3_d234_e346_k357_w1.0 supernet (= its largest subnet, d=4, e=6, k=7) has 7.7M parameters;
    // at 224x224 its MACs lie between OFA's 595M-MAC w1.2 specialised net and MobileNetV3-Large (219M).
    const cost = graphCost(ofaMbv3Family.toGraph(maxNet));
    expect(cost.params / 1e6).toBeGreaterThan(7.6);
    expect(cost.params / 1e6).toBeLessThan(7.8);
    expect(cost.macs / 1e9).toBeGreaterThan(0.43);
    expect(cost.macs / 1e9).toBeLessThan(0.6);
  });

  it('follows OFA stage rules: SE in stages 2, 4, 5 (widths 40, 112, 160), h-swish from stage 3, only d slots active', () => {
    const g = ofaMbv3Family.toGraph({ ...maxNet, d: [2, 3, 4, 2, 3] });
    const blocks = g.nodes.filter((n) => n.label?.startsWith('stage'));
    expect(blocks.map((n) => n.label)).toHaveLength(2 + 3 + 4 + 2 + 3);
    expect(g.nodes.filter((n) => n.op === 'hsigmoid')).toHaveLength(3 + 2 + 3);
    // SE sits on the expanded channels in * e: 24*6, 40*6, 40*6 | 80*6, 112*6 | 112*6, 160*6, 160*6.
    expect(g.nodes.filter((n) => n.op === 'mean').map((n) => n.inC)).toEqual([144, 240, 240, 480, 672, 672, 960, 960]);
    const last = g.nodes.at(-2)!;
    expect([last.op, last.outC]).toEqual(['matmul', 1000]);
  });

  it('builds 600 HELP members; MACs rank-correlate with measured GPU latency', () => {
    const rows = loadHelpOfaMbv3().slice(0, 600);
    const macs = rows.map((r) => graphCost(validateGraph(ofaMbv3Family.toGraph(ofaMbv3Family.parse(r.arch)))).macs);
    const lat = rows.map((r) => r.latencyMs['titan_rtx_64']!);
    // On all 5,000 rows: 0.994 (titan_rtx_64), 0.995 (v100_64); batch-1 latency is launch-bound (0.24).
    expect(spearman(macs, lat)).toBeGreaterThan(0.95);
  });

  it('parse/encode round trip; malformed members get ArchError', () => {
    const a = ofaMbv3Family.sample(new Rng(3));
    expect(ofaMbv3Family.parse(ofaMbv3Family.encode(a))).toEqual(a);
    for (const bad of [
      '{',
      '[]',
      '{"ks":[3],"e":[],"d":[],"r":224}',
      { ...maxNet, d: [1, 4, 4, 4, 4] },
      { ...maxNet, r: 7 },
      { ...maxNet, x: 1 },
    ]) {
      expect(() => ofaMbv3Family.parse(bad)).toThrow(ArchError);
    }
  });

  it('sampler is seeded; mutation changes exactly one active choice and stays valid', () => {
    expect(ofaMbv3Family.sample(new Rng(7))).toEqual(ofaMbv3Family.sample(new Rng(7)));
    const rng = new Rng(11);
    for (let t = 0; t < 200; t++) {
      const a = ofaMbv3Family.sample(rng);
      const m = ofaMbv3Family.mutate(a, rng);
      const diff =
        a.ks.filter((k, i) => k !== m.ks[i]).length +
        a.e.filter((k, i) => k !== m.e[i]).length +
        a.d.filter((k, i) => k !== m.d[i]).length +
        (a.r !== m.r ? 1 : 0);
      expect(diff).toBe(1);
      expect(ofaMbv3Family.encode(ofaMbv3Family.parse(m))).toBe(ofaMbv3Family.encode(m));
      expect(JSON.stringify(ofaMbv3Family.toGraph(m).nodes)).not.toBe(JSON.stringify(ofaMbv3Family.toGraph(a).nodes));
    }
  });
});
