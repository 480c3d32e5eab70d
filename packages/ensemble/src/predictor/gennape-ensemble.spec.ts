import { beforeAll, describe, expect, it } from 'vitest';

import { Rng } from '@cgnas/native';
import { selectTfBackend, tf } from '@cgnas/native/tf';

import { EnsembleInputError } from '../errors.js';
import { kendallTau } from '../metrics/kendall-tau.js';
import { spearman } from '../metrics/spearman.js';
import type { LabelledSet } from './ensemble-member.js';
import { featureEncoderFactory } from './feature-encoder.js';
import { foldAssignment } from './fold-assignment.js';
import { GennapeEnsemble, type EnsembleProgress } from './gennape-ensemble.js';

beforeAll(async () => {
  await selectTfBackend();
});

/** Synthetic "networks": 6 features; accuracy is a smooth non-linear function of them plus a FLOPs term. */
function synthetic(n: number, seed: number, shift = 0): LabelledSet<Float32Array> {
  const rng = new Rng(seed);
  const inputs = Array.from({ length: n }, () => Float32Array.from({ length: 6 }, () => rng.normal() + shift));
  const gflops = inputs.map((x) => Math.exp(0.5 * x[0]!));
  const accuracy = inputs.map(
    (x, i) => 80 + 3 * Math.tanh(x[1]! - x[2]! * x[3]!) + 2 * Math.log(gflops[i]!) + 0.1 * rng.normal(),
  );
  return { inputs, accuracy, gflops };
}

const factory = featureEncoderFactory<Float32Array>('synthetic', (x) => x, 6, { hidden: [32], outputDim: 16 });
const fast = {
  training: { epochs: 10, batchSize: 32, learningRate: 3e-3, rankWeight: 1, seed: 0 },
  fineTuning: { epochs: 8, batchSize: 10, learningRate: 1e-3, rankWeight: 1, seed: 0 },
  headHidden: [16],
  pairwiseReferences: 32,
};

describe('GennapeEnsemble', () => {
  it('learns a held-out ranking, fine-tunes, re-weights, and round-trips its state without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const train = synthetic(300, 1);
    const test = synthetic(200, 2);
    const events: EnsembleProgress[] = [];
    const ens = await GennapeEnsemble.train(factory, train, fast, (p) => events.push(p));
    expect(events.some((e) => e.phase === 'fit' && e.member === 'cl-fcm-t')).toBe(true);
    // Progress events place each member in the ensemble, in order, so bars can reach exactly 100%.
    const fits = events.flatMap((e) => (e.phase === 'fit' ? [e] : []));
    expect(fits.every((e) => e.members === 6 && e.memberIndex >= 0 && e.memberIndex < 6)).toBe(true);
    expect(fits.map((e) => e.memberIndex)).toEqual([...fits.map((e) => e.memberIndex)].sort((a, b) => a - b));
    const zero = ens.predict(test.inputs, test.gflops);
    expect(ens.memberWeights).toEqual([1, 1, 1, 1, 1, 1]);
    const rho = spearman(test.accuracy, zero.score);
    const rhoFlops = spearman(test.accuracy, test.gflops);
    expect(rho).toBeGreaterThan(0.85);
    expect(rho).toBeGreaterThan(rhoFlops);
    for (const kind of ['cl-fcm-t', 'cl-t', 'pairwise-1', 'kgnn'] as const) {
      expect(spearman(test.accuracy, zero.members[kind]!)).toBeGreaterThan(0.7);
    }
    // Predicted accuracy comes back on the % scale.
    expect(Math.abs(zero.accuracy![0]! - test.accuracy[0]!)).toBeLessThan(5);

    const snapshot = ens.getState();
    const target = synthetic(50, 3, 0.5);
    ens.fineTune(target);
    expect(ens.tau).toHaveLength(6);
    expect(ens.memberWeights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const tuned = ens.predict(test.inputs, test.gflops).score;
    expect(Array.from(tuned)).not.toEqual(Array.from(zero.score));

    ens.setState(snapshot);
    expect(Array.from(ens.predict(test.inputs, test.gflops).score)).toEqual(Array.from(zero.score));
    const copy = GennapeEnsemble.fromState(factory, JSON.parse(JSON.stringify(snapshot)));
    expect(Array.from(copy.predict(test.inputs, test.gflops).score)).toEqual(Array.from(zero.score));
    copy.dispose();
    ens.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('rejects NaN accuracies, empty sets, mismatched lengths and wrong feature widths', async () => {
    const bad = synthetic(10, 4);
    await expect(
      GennapeEnsemble.train(factory, { ...bad, accuracy: [NaN, ...Array.from(bad.accuracy).slice(1)] }),
    ).rejects.toThrow(EnsembleInputError);
    await expect(GennapeEnsemble.train(factory, { inputs: [], accuracy: [], gflops: [] })).rejects.toThrow(
      EnsembleInputError,
    );
    await expect(GennapeEnsemble.train(factory, { ...bad, gflops: [1] })).rejects.toThrow(EnsembleInputError);
    const ens = await GennapeEnsemble.train(factory, bad, {
      ...fast,
      members: ['cl-t'],
      training: { ...fast.training, epochs: 1 },
    });
    expect(() => ens.predict([new Float32Array(5)], [1])).toThrow(EnsembleInputError);
    ens.dispose();
  });

  it('starts only the pretrainedMembers from contrastive pretraining: once shared, or once per member', async () => {
    const set = synthetic(40, 5);
    for (const [perMember, pretrainedMembers] of [
      [false, ['cl-fcm-t', 'cl-t']],
      [true, ['cl-fcm-t', 'cl-t']],
      [true, []],
    ] as const) {
      const pretrainSeeds: number[] = [];
      const created: { seed: number; restored: boolean }[] = [];
      const spy = {
        ...factory,
        create(seed: number) {
          const enc = factory.create(seed);
          const record = { seed, restored: false };
          created.push(record);
          const setState = enc.setState.bind(enc);
          enc.setState = (state: unknown) => {
            record.restored = true;
            setState(state);
          };
          return enc;
        },
        pretrain(_enc: unknown, _inputs: unknown, seed: number) {
          pretrainSeeds.push(seed);
        },
      };
      const ens = await GennapeEnsemble.train(spy, set, {
        ...fast,
        members: ['cl-fcm-t', 'cl-t', 'pairwise-1', 'kgnn'],
        pretrainedMembers,
        pretrainPerMember: perMember,
        training: { ...fast.training, epochs: 1 },
        seed: 2,
      });
      // Members are created first, in order, with seeds seed * 101 + k.
      expect(created.slice(0, 4).map((c) => c.seed)).toEqual([202, 203, 204, 205]);
      const some = pretrainedMembers.length > 0;
      expect(created.slice(0, 4).map((c) => c.restored)).toEqual([some, some, false, false]);
      expect(pretrainSeeds).toEqual(!some ? [] : perMember ? [202, 203] : [2]);
      expect(ens.getState().pretrained).toBe(some);
      ens.dispose();
    }
  });
  it('weightFolds weighs members by out-of-fold Kendall tau and leaves the final fine-tune unchanged', async () => {
    const train = synthetic(200, 6);
    // A target family where the FLOPs order is reversed: the source-trained members transfer badly and
    // have to learn from the fine-tune set, which a memorising member does in sample but not out of fold.
    const target = synthetic(30, 7, 0.5);
    const flipped: LabelledSet<Float32Array> = { ...target, gflops: Array.from(target.gflops, (g) => 1 / g) };
    const options = {
      ...fast,
      members: ['kgnn', 'flops'] as const,
      fineTuning: { ...fast.fineTuning, epochs: 60 },
      weightFolds: 0,
    };
    const ens = await GennapeEnsemble.train(factory, train, options);
    const snapshot = ens.getState();
    const test = synthetic(100, 8, 0.5);

    ens.fineTune(flipped, undefined, 3);
    const inSampleTau = ens.tau!.slice();
    const inSampleScores = ens.predict(test.inputs, test.gflops).members;

    const folds = 5;
    const cv = GennapeEnsemble.fromState(factory, {
      ...snapshot,
      options: { ...snapshot.options, weightFolds: folds },
    });
    const events: EnsembleProgress[] = [];
    cv.fineTune(flipped, (p) => events.push(p), 3);
    // The held-out fits are reported apart from the final fine-tune: folds x epochs per trained member.
    const cross = events.filter((e) => e.phase === 'cross-validate');
    expect(cross.filter((e) => e.member === 'kgnn')).toHaveLength(folds * 60);
    expect(events.filter((e) => e.phase === 'fine-tune' && e.member === 'kgnn')).toHaveLength(60);
    // Every member is restored before its final fine-tune: the members end exactly as without folds.
    const cvScores = cv.predict(test.inputs, test.gflops).members;
    expect(Array.from(cvScores.kgnn!)).toEqual(Array.from(inSampleScores.kgnn!));
    // FLOPs learns nothing, so its out-of-fold tau is the pair-weighted mean of its tau within each fold,
    // recomputed here in float64 from the fold split (not its tau over the whole set).
    const foldOf = foldAssignment(flipped.inputs.length, folds, 3);
    let tauPairs = 0;
    let pairs = 0;
    for (let f = 0; f < folds; f++) {
      const idx = Array.from(foldOf.keys()).filter((i) => foldOf[i] === f);
      const p = (idx.length * (idx.length - 1)) / 2;
      tauPairs +=
        p *
        kendallTau(
          idx.map((i) => flipped.accuracy[i]!),
          idx.map((i) => flipped.gflops[i]!),
        );
      pairs += p;
    }
    expect(cv.tau![1]).toBeCloseTo(tauPairs / pairs, 12);
    expect(cv.tau![1]).not.toBeCloseTo(inSampleTau[1]!, 3);
    // The fine-tuned k-GNN fits its own training networks better than it predicts held-out ones.
    expect(inSampleTau[0]!).toBeGreaterThan(0.8);
    expect(cv.tau![0]!).toBeLessThan(inSampleTau[0]! - 0.1);
    const w = cv.memberWeights;
    expect(w[0]! + w[1]!).toBeCloseTo(1, 12);

    // Folds keep two networks each: 7 networks give 3 folds; 3 networks fall back to the in-sample tau.
    for (const [size, expected] of [
      [7, 3],
      [3, 0],
    ] as const) {
      const small: LabelledSet<Float32Array> = {
        inputs: flipped.inputs.slice(0, size),
        accuracy: Array.from(flipped.accuracy).slice(0, size),
        gflops: Array.from(flipped.gflops).slice(0, size),
      };
      const seen: EnsembleProgress[] = [];
      cv.setState(snapshot);
      cv.fineTune(small, (p) => seen.push(p));
      expect(seen.filter((e) => e.phase === 'cross-validate' && e.member === 'kgnn')).toHaveLength(expected * 60);
    }
    for (const bad of [1, -1, 2.5]) {
      const e = GennapeEnsemble.fromState(factory, { ...snapshot, options: { ...snapshot.options, weightFolds: bad } });
      expect(() => e.fineTune(flipped)).toThrow(/weightFolds/);
      e.dispose();
    }
    cv.dispose();
    ens.dispose();
  }, 60_000);
});
