import { describe, expect, it } from 'vitest';

import { GraphBuilder } from '@cgnas/cg-core';

import { CG_FEATURE_NAMES, CG_FEATURE_WIDTH, cgFeatureVector } from './cg-feature-vector.js';

function resBlock() {
  const b = new GraphBuilder({ family: 'test' });
  const x = b.input(32, 32, 3);
  const c1 = b.relu(b.batchnorm(b.conv(x, { outC: 16, k: 3 })));
  const c2 = b.batchnorm(b.conv(c1, { outC: 16, k: 3 }));
  const sc = b.conv(x, { outC: 16, k: 1 });
  const y = b.relu(b.add([c2, sc]));
  const g = b.globalPool(y);
  b.output(b.matmul(g, 10));
  return b.build();
}

const at = (v: Float32Array, name: string): number => v[CG_FEATURE_NAMES.indexOf(name)]!;

describe('cgFeatureVector', () => {
  it('matches a hand count on a residual block', () => {
    const v = cgFeatureVector(resBlock());
    expect(v.length).toBe(CG_FEATURE_WIDTH);
    const macs = 32 * 32 * (432 + 2304 + 48) + 160;
    expect(at(v, 'log_mflops')).toBeCloseTo(Math.log10(1 + macs / 1e6), 6);
    // Longest path: conv3, conv3, matmul = 3 weighted layers; shortest: conv1x1, matmul = 2.
    expect(at(v, 'max_weighted_depth')).toBeCloseTo(Math.log(4), 6);
    expect(at(v, 'min_weighted_depth')).toBeCloseTo(Math.log(3), 6);
    expect(at(v, 'conv_k3_mac_frac')).toBeCloseTo((32 * 32 * (432 + 2304)) / macs, 6);
    expect(at(v, 'conv_k1_count_frac')).toBeCloseTo(1 / 4, 6);
    expect(at(v, 'count_frac_conv')).toBeCloseTo(3 / g(resBlock()), 6);
    expect(at(v, 'mean_fan_in_merge')).toBe(2);
  });
});

function g(graph: { nodes: readonly unknown[] }): number {
  return graph.nodes.length;
}
