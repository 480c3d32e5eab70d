import { beforeAll, describe, expect, it } from 'vitest';

import { Rng } from '@cgnas/native';
import { selectTfBackend } from '@cgnas/native/tf';

import { spearman } from '../metrics/spearman.js';
import { FeatureEncoder } from './feature-encoder.js';
import { PairwiseMember } from './pairwise-member.js';

beforeAll(async () => {
  await selectTfBackend();
});

describe('PairwiseMember', () => {
  it('learns which of two networks is better and scores by mean win probability in (0, 1)', () => {
    const rng = new Rng(2);
    const inputs = Array.from({ length: 200 }, () => Float32Array.from({ length: 3 }, () => rng.normal()));
    const accuracy = inputs.map((x) => x[0]! - 0.5 * x[1]!);
    const enc = new FeatureEncoder<Float32Array>('t', (x) => x, 3, 1, { hidden: [16], outputDim: 8 });
    enc.adapt(inputs);
    const m = new PairwiseMember(enc, {
      kind: 'pairwise-1',
      headHidden: [16],
      references: 32,
      pairsPerItem: 4,
      seed: 1,
    });
    m.fit(
      { inputs, accuracy, gflops: inputs.map(() => 1) },
      { epochs: 15, batchSize: 32, learningRate: 3e-3, rankWeight: 0, seed: 0 },
    );
    const s = m.score(
      inputs,
      inputs.map(() => 1),
    );
    expect(spearman(accuracy, s)).toBeGreaterThan(0.8);
    for (const v of s) expect(v > 0 && v < 1).toBe(true);
    // Antisymmetry: a network scored against itself as the only reference wins with probability 1/2.
    const one = new PairwiseMember(enc, {
      kind: 'pairwise-1',
      headHidden: [16],
      references: 1,
      pairsPerItem: 4,
      seed: 1,
    });
    one.setState(m.getState());
    expect(one.score([inputs[0]!], [1])[0]).toBeCloseTo(0.5, 6);
    m.dispose();
  }, 30_000);
});
