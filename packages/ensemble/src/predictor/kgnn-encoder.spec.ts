import { beforeAll, describe, expect, it } from 'vitest';

import type { ComputationGraph } from '@cgnas/cg-core';
import { familySampler } from '@cgnas/encoder';
import { Rng } from '@cgnas/native';
import { selectTfBackend, tf } from '@cgnas/native/tf';

import { EnsembleInputError } from '../errors.js';
import { cgEncoderFactory } from './cg-encoder-factory.js';
import { ConcatEncoder } from './concat-encoder.js';
import { KgnnEncoder } from './kgnn-encoder.js';
import { kgnnEncoderFactory, pretrainCorpusOf } from './kgnn-encoder-factory.js';

beforeAll(async () => {
  await selectTfBackend();
});

function graphs(family: string, n: number, seed: number): ComputationGraph[] {
  const sampler = familySampler(family);
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => sampler.sample(rng).graph);
}

const values = (t: tf.Tensor): Float32Array => {
  const v = t.dataSync() as Float32Array;
  t.dispose();
  return v;
};

describe('KgnnEncoder', () => {
  it('embeds a batch per graph, independent of the batch it is in', () => {
    const gs = graphs('nb201', 6, 1);
    const enc = kgnnEncoderFactory({ pretrain: null }).create(3);
    const all = values(enc.encode(gs));
    expect(all.length).toBe(6 * enc.outputDim);
    const one = values(enc.encode([gs[4]!]));
    for (let j = 0; j < enc.outputDim; j++) expect(one[j]).toBeCloseTo(all[4 * enc.outputDim + j]!, 5);
    enc.dispose();
  });

  it('trains through the native custom gradient: a regression loss falls', () => {
    const gs = graphs('nb201', 16, 2);
    // Target: the share of conv nodes, a property the message passing can read off the node types.
    const y = tf.tensor1d(gs.map((g) => g.nodes.filter((n) => n.op.startsWith('conv')).length / g.nodes.length));
    const enc = kgnnEncoderFactory({ pretrain: null, encoder: { layers: 2, width: 8 } }).create(0);
    const w = tf.variable(tf.zeros([8, 1]));
    const opt = tf.train.adam(1e-2);
    const loss = (): tf.Scalar =>
      tf.losses.meanSquaredError(y, tf.reshape(tf.matMul(enc.encode(gs), w), [-1])) as tf.Scalar;
    const first = values(tf.tidy(loss))[0]!;
    for (let i = 0; i < 40; i++) opt.minimize(loss, false, [...enc.variables, w] as tf.Variable[]);
    const last = values(tf.tidy(loss))[0]!;
    expect(last).toBeLessThan(0.5 * first);
    [enc, w, y, opt].forEach((x) => x.dispose());
  }, 60_000);

  it('round-trips its state through fromState and setState, adopting the saved depth and width', () => {
    const gs = graphs('nb201', 4, 3);
    const factory = kgnnEncoderFactory({ pretrain: null, encoder: { layers: 3, width: 16 } });
    const enc = factory.create(5);
    const copy = factory.fromState(JSON.parse(JSON.stringify(enc.getState())));
    expect(Array.from(values(copy.encode(gs)))).toEqual(Array.from(values(enc.encode(gs))));
    const other = new KgnnEncoder({ layers: 1, width: 8 });
    other.setState(enc.getState());
    expect(other.outputDim).toBe(16);
    expect(Array.from(values(other.encode(gs)))).toEqual(Array.from(values(enc.encode(gs))));
    expect(() => factory.fromState({ weights: [] })).toThrow(EnsembleInputError);
    expect(() => other.setState({ config: { layers: 1, width: 8 } })).toThrow(EnsembleInputError);
    [enc, copy, other].forEach((e) => e.dispose());
  });
});

describe('kgnnEncoderFactory.pretrain', () => {
  it('builds the corpus per family with a per-family cap', () => {
    const gs = [...graphs('nb201', 30, 4), ...graphs('nb101', 10, 5)];
    const enc = new KgnnEncoder({ layers: 1, width: 4 });
    const corpus = pretrainCorpusOf(gs, enc, new WeakMap(), 12, 0);
    expect(corpus.families).toEqual(['nb201', 'nb101']);
    expect(corpus.items.filter((it) => it.family === 0)).toHaveLength(12);
    expect(corpus.items.filter((it) => it.family === 1)).toHaveLength(10);
    expect(corpus.items.every((it) => it.spectrum.length === 11)).toBe(true);
    enc.dispose();
  });

  it('pretrains contrastively once per (networks, seed), changes the weights, and reuses the cache', async () => {
    const gs = [...graphs('nb201', 40, 6), ...graphs('nb101', 40, 7)];
    const epochs: number[] = [];
    const factory = kgnnEncoderFactory({
      encoder: { layers: 2, width: 8 },
      pretrain: { epochs: 2, batchSize: 16 },
      onPretrainEpoch: (e) => epochs.push(e),
    });
    const a = factory.create(0);
    const init = values(a.encode(gs.slice(0, 5)));
    await factory.pretrain!(a, gs, 0);
    expect(epochs).toEqual([1, 2]);
    const after = values(a.encode(gs.slice(0, 5)));
    expect(Array.from(after)).not.toEqual(Array.from(init));
    const b = factory.create(9);
    await factory.pretrain!(b, gs, 0);
    expect(epochs).toEqual([1, 2]); // served from the cache
    expect(Array.from(values(b.encode(gs.slice(0, 5))))).toEqual(Array.from(after));
    await factory.pretrain!(b, gs, 1);
    expect(epochs).toEqual([1, 2, 1, 2]); // another seed pretrains again
    [a, b].forEach((e) => e.dispose());
  }, 120_000);
});

describe('kgnn+features', () => {
  it('concatenates the k-GNN and feature embeddings and round-trips both parts', () => {
    const gs = graphs('nb201', 5, 8);
    const factory = cgEncoderFactory('kgnn+features', { kgnn: { pretrain: null, encoder: { layers: 2, width: 8 } } });
    const enc = factory.create(1) as ConcatEncoder<ComputationGraph>;
    enc.adapt(gs);
    expect(enc.outputDim).toBe(8 + enc.parts[1]!.outputDim);
    const whole = values(enc.encode(gs));
    const k = values(enc.parts[0]!.encode(gs));
    const f = values(enc.parts[1]!.encode(gs));
    const d = enc.outputDim;
    for (let i = 0; i < gs.length; i++) {
      expect(Array.from(whole.subarray(i * d, i * d + 8))).toEqual(Array.from(k.subarray(i * 8, (i + 1) * 8)));
      expect(Array.from(whole.subarray(i * d + 8, (i + 1) * d))).toEqual(
        Array.from(f.subarray(i * (d - 8), (i + 1) * (d - 8))),
      );
    }
    const copy = factory.fromState(JSON.parse(JSON.stringify(enc.getState())));
    expect(Array.from(values(copy.encode(gs)))).toEqual(Array.from(whole));
    expect(() => copy.setState({ parts: [enc.getState()] })).toThrow(EnsembleInputError);
    [enc, copy].forEach((e) => e.dispose());
  });
});
