import { GraphBuilder } from '@cgnas/cg-core';
import { describe, expect, it } from 'vitest';

import { CgNetwork } from './cg-network.js';

function convGraph() {
  const b = new GraphBuilder({ name: 'conv' });
  const x = b.input(6, 6, 8);
  b.output(b.matmul(b.globalPool(b.relu(b.conv(x, { outC: 64, k: 3 }))), 10, true));
  return b.build();
}

describe('CgNetwork', () => {
  it('draws Kaiming-normal N(0, 2/fan_in) or PyTorch-default U(±1/√fan_in) weights, seeded', () => {
    const fanIn = 3 * 3 * 8;
    const moments = (v: Float32Array): [number, number, number] => {
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
      return [mean, variance, Math.max(...v.map(Math.abs))];
    };
    const kaiming = new CgNetwork(convGraph(), 4, 'kaiming-normal');
    const pytorch = new CgNetwork(convGraph(), 4);
    const again = new CgNetwork(convGraph(), 4, 'pytorch');
    try {
      const [km, kv] = moments(kaiming.weights[0]!.dataSync() as Float32Array);
      const [pm, pv, pmax] = moments(pytorch.weights[0]!.dataSync() as Float32Array);
      // 4,608 draws: the sample variance is within ~4% of the truth with overwhelming probability.
      expect(Math.abs(km)).toBeLessThan(0.02);
      expect(kv / (2 / fanIn)).toBeCloseTo(1, 1);
      expect(Math.abs(pm)).toBeLessThan(0.01);
      expect(pv / (1 / (3 * fanIn))).toBeCloseTo(1, 1);
      expect(pmax).toBeLessThanOrEqual(1 / Math.sqrt(fanIn));
      expect(Array.from(again.weights[1]!.dataSync())).toEqual(Array.from(pytorch.weights[1]!.dataSync()));
    } finally {
      for (const n of [kaiming, pytorch, again]) n.dispose();
    }
  });
});
