import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { graphCost } from '../../graph/graph-cost.js';
import { ArchError } from '../arch-error.js';
import { PROXYLESS_STAGE_STARTS, proxylessFamily } from './proxyless-family.js';

describe('proxylessFamily', () => {
  it('a zero layer removes exactly its MBConv (identity shortcut remains)', () => {
    const full = Array(21).fill('k3_e3');
    const withZero = [...full];
    withZero[1] = 'zero';
    const a = graphCost(proxylessFamily.toGraph(proxylessFamily.parse(full)));
    const b = graphCost(proxylessFamily.toGraph(proxylessFamily.parse(withZero)));
    // Layer 2: 24 -> 72 (1x1) + BN, 3x3 dw 72 + BN, 72 -> 24 (1x1) + BN at 56x56.
    const params = 24 * 72 + 144 + 9 * 72 + 144 + 72 * 24 + 48;
    expect(a.params - b.params).toBe(params);
    expect(a.macs - b.macs).toBe(56 * 56 * (24 * 72 + 9 * 72 + 72 * 24));
  });

  it('the ProxylessNAS backbone: 32-ch stem, 16-ch first block, 320 -> 1280 head, ~4M params', () => {
    const g = proxylessFamily.toGraph(proxylessFamily.sample(new Rng(5)));
    expect(g.nodes[1]!.outC).toBe(32);
    expect(g.nodes.filter((n) => n.op === 'relu6').length).toBeGreaterThan(10);
    const head = g.nodes.filter((n) => n.op === 'conv').at(-1)!;
    expect([head.inC, head.outC]).toEqual([320, 1280]);
  });

  it('rejects zero at a stage start and unknown choices; sampler never puts zero there; mutation changes one layer', () => {
    const bad = Array(21).fill('k3_e3');
    bad[4] = 'zero';
    expect(() => proxylessFamily.parse(bad)).toThrow(ArchError);
    expect(() => proxylessFamily.parse('k9_e3 '.repeat(21))).toThrow(ArchError);
    const rng = new Rng(9);
    for (let t = 0; t < 200; t++) {
      const a = proxylessFamily.sample(rng);
      for (const i of PROXYLESS_STAGE_STARTS) expect(a[i]).not.toBe('zero');
      const m = proxylessFamily.mutate(a, rng);
      expect(m.filter((c, i) => c !== a[i])).toHaveLength(1);
      expect(proxylessFamily.parse(proxylessFamily.encode(m))).toEqual(m);
    }
  });
});
