import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { graphCost } from '../../graph/graph-cost.js';
import { ArchError } from '../arch-error.js';
import { ofaResnetFamily } from './ofa-resnet-family.js';

describe('ofaResnetFamily', () => {
  it('the ResNet-50 depth (3, 4, 6, 3), e = 0.25, w = 1.0 subnet has ResNet-50-D size', () => {
    // Reference: He et al. 2016 ResNet-50 = 25.6M params / 4.1 GMACs at 224; OFA's stem is ResNet-D's
    // three 3x3 convs and its shortcut is avgpool + 1x1 (He et al. 2019 "Bag of Tricks": ResNet-50-D 25.6M, 4.3 G).
    // d[1..4] are extra blocks over the base depths (2, 2, 4, 2): (1, 2, 2, 1) gives (3, 4, 6, 3).
    const a = { d: [2, 1, 2, 2, 1], e: Array(18).fill(0.25), w: Array(6).fill(2), r: 224 };
    const g = ofaResnetFamily.toGraph(ofaResnetFamily.parse(a));
    const c = graphCost(g);
    expect(g.nodes.filter((n) => n.op === 'add').length).toBe(1 + 3 + 4 + 6 + 3);
    expect(c.params / 1e6).toBeGreaterThan(25.0);
    expect(c.params / 1e6).toBeLessThan(26.0);
    expect(c.macs / 1e9).toBeGreaterThan(4.0);
    expect(c.macs / 1e9).toBeLessThan(4.4);
  });

  it('odd feature maps downsample with ceil-mode average pooling', () => {
    const a = ofaResnetFamily.sample(new Rng(1));
    const g = ofaResnetFamily.toGraph({ ...a, r: 176 });
    const pools = g.nodes.filter((n) => n.op === 'avgpool');
    // 176 → 88 → 44 (maxpool) → 44 → 22 → 11 → 6: the last shortcut pools 11 → 6.
    expect(pools.map((p) => p.outH)).toEqual([22, 11, 6]);
  });

  it('rejects bad encodings; seeded sampler; mutation keeps the member valid', () => {
    const a = ofaResnetFamily.sample(new Rng(4));
    expect(ofaResnetFamily.sample(new Rng(4))).toEqual(a);
    expect(ofaResnetFamily.parse(ofaResnetFamily.encode(a))).toEqual(a);
    expect(() => ofaResnetFamily.parse({ ...a, d: [1, 0, 0, 0, 0] })).toThrow(ArchError);
    expect(() => ofaResnetFamily.parse({ ...a, e: [0.3] })).toThrow(ArchError);
    expect(() => ofaResnetFamily.parse('not json')).toThrow(ArchError);
    const rng = new Rng(8);
    let m = a;
    for (let t = 0; t < 100; t++) {
      m = ofaResnetFamily.mutate(m, rng);
      expect(ofaResnetFamily.parse(ofaResnetFamily.encode(m))).toEqual(m);
    }
    ofaResnetFamily.toGraph(m);
  });
});
