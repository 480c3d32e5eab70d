import { beforeAll, describe, expect, it } from 'vitest';

import { Rng } from '@cgnas/native';
import { selectTfBackend, tf } from '@cgnas/native/tf';

import { fcmMemberships } from '../fcm/fcm-memberships.js';
import { spearman } from '../metrics/spearman.js';
import { MlpHead, type MlpHeadState } from '../heads/mlp-head.js';
import { FeatureEncoder } from './feature-encoder.js';
import { RegressionMember } from './regression-member.js';

beforeAll(async () => {
  await selectTfBackend();
});

describe('RegressionMember (CL+FCM+T)', () => {
  it('predicts sum_j U_ij f_j(h_i) with memberships to the frozen centroids, then inverts the label transform', () => {
    const rng = new Rng(5);
    const inputs = Array.from({ length: 90 }, (_, i) =>
      Float32Array.from({ length: 3 }, () => rng.normal() + (i % 3) * 4),
    );
    const gflops = inputs.map((x) => Math.abs(x[0]!) / 10);
    const accuracy = inputs.map((x) => 90 + x[1]!);
    const enc = new FeatureEncoder<Float32Array>('t', (x) => x, 3, 3, { hidden: [8], outputDim: 4 });
    enc.adapt(inputs);
    const m = new RegressionMember(enc, {
      kind: 'cl-fcm-t',
      labels: 'flops',
      clusters: 3,
      fuzzifier: 2,
      headHidden: [8],
      seed: 3,
    });
    m.fit({ inputs, accuracy, gflops }, { epochs: 2, batchSize: 16, learningRate: 1e-3, rankWeight: 1, seed: 0 });
    expect(m.fcm).not.toBeNull();
    const st = m.getState();
    expect(st.heads).toHaveLength(3);
    expect(st.centroids).toHaveLength(3);
    // Reference: embeddings -> memberships -> per-head outputs -> mix -> inverse transform, step by step.
    const x = inputs.slice(0, 5);
    const emb = tf.tidy(() => enc.encode(x).arraySync());
    const u = fcmMemberships(emb, st.centroids!, 2);
    const heads = st.heads.map((h: MlpHeadState) => MlpHead.fromState(h));
    const f = heads.map((h) => tf.tidy(() => Array.from(h.apply(tf.tensor2d(emb)).dataSync())));
    const { mean, std } = st.labelStats!;
    const expected = x.map((_, i) => {
      const z = [0, 1, 2].reduce((a, j) => a + u[i]![j]! * f[j]![i]!, 0);
      return (z * std + mean) * (Math.log10(gflops[i]! + 1) + 1);
    });
    const got = m.predictAccuracy(x, gflops.slice(0, 5));
    for (let i = 0; i < 5; i++) expect(got[i]).toBeCloseTo(expected[i]!, 3);
    for (const h of heads) h.dispose();
    m.dispose();
  });

  it('ranks by the accuracies it implies, also where the stand_flops label order is mostly the FLOPs order', () => {
    // NB-301-like: accuracy varies less than the FLOPs term, so the label acc / (log10(GFLOPs + 1) + 1)
    // orders the networks almost by FLOPs. The member must still order them by accuracy.
    const rng = new Rng(11);
    const inputs = Array.from({ length: 160 }, () => Float32Array.from({ length: 2 }, () => rng.normal()));
    const gflops = inputs.map((x) => 0.3 * Math.exp(0.5 * x[0]!));
    const accuracy = inputs.map((x) => 93 + 0.3 * x[1]!);
    const enc = new FeatureEncoder<Float32Array>('t', (x) => x, 2, 2, { hidden: [16], outputDim: 8 });
    enc.adapt(inputs);
    const m = new RegressionMember(enc, {
      kind: 'cl-t',
      labels: 'flops',
      clusters: 1,
      fuzzifier: 2,
      headHidden: [16],
      seed: 1,
    });
    m.fit({ inputs, accuracy, gflops }, { epochs: 20, batchSize: 16, learningRate: 3e-3, rankWeight: 1, seed: 0 });
    expect(spearman(accuracy, Array.from(m.predictAccuracy(inputs, gflops)))).toBeGreaterThan(0.9);
    m.dispose();
  });
});
