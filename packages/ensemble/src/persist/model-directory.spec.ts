import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { Rng } from '@cgnas/native';
import { selectTfBackend } from '@cgnas/native/tf';

import { graphCost } from '@cgnas/cg-core';
import { familySampler } from '@cgnas/encoder';

import { EnsembleInputError, ModelFormatError } from '../errors.js';
import { cgEncoderFactory } from '../predictor/cg-encoder-factory.js';
import { featureEncoderFactory } from '../predictor/feature-encoder.js';
import { GennapeEnsemble } from '../predictor/gennape-ensemble.js';
import { loadModel, saveModel } from './model-directory.js';

beforeAll(async () => {
  await selectTfBackend();
});

const factory = featureEncoderFactory<Float32Array>('synthetic', (x) => x, 4, { hidden: [8], outputDim: 8 });

async function small(
  seed: number,
): Promise<{ ens: GennapeEnsemble<Float32Array>; inputs: Float32Array[]; gflops: number[] }> {
  const rng = new Rng(seed);
  const inputs = Array.from({ length: 60 }, () => Float32Array.from({ length: 4 }, () => rng.normal()));
  const gflops = inputs.map((x) => Math.exp(x[0]!));
  const accuracy = inputs.map((x) => 90 + x[1]! + 0.5 * x[0]!);
  const ens = await GennapeEnsemble.train(
    factory,
    { inputs, accuracy, gflops },
    { headHidden: [8], clusters: 2, training: { epochs: 2, batchSize: 16, learningRate: 1e-3, rankWeight: 1, seed } },
  );
  return { ens, inputs, gflops };
}

describe('saveModel / loadModel', () => {
  it('round-trips: the loaded model predicts exactly what the saved one did', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cgnas-model-')), 'm');
    const { ens, inputs, gflops } = await small(1);
    saveModel(dir, ens, { training: { note: 'spec' } });
    const back = loadModel(dir, () => factory);
    expect(Array.from(back.predict(inputs, gflops).score)).toEqual(Array.from(ens.predict(inputs, gflops).score));
    expect(readdirSync(join(dir, '..'))).toEqual(['m']);
    ens.dispose();
    back.dispose();
  }, 30_000);

  it('round-trips a contrastively pretrained k-GNN + features ensemble through cgEncoderFactory', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cgnas-model-')), 'm');
    const sampler = familySampler('nb201');
    const rng = new Rng(5);
    const inputs = Array.from({ length: 40 }, () => sampler.sample(rng).graph);
    const cost = inputs.map((g) => graphCost(g).macs / 1e9);
    const accuracy = inputs.map((g, i) => 80 + g.nodes.length / 10 + cost[i]!);
    const kgnn = { encoder: { layers: 2, width: 8 }, pretrain: { epochs: 1, batchSize: 16 } };
    const ens = await GennapeEnsemble.train(
      cgEncoderFactory('kgnn+features', { kgnn }),
      { inputs, accuracy, gflops: cost },
      {
        members: ['cl-fcm-t', 'pairwise-1', 'kgnn'],
        headHidden: [8],
        clusters: 2,
        training: { epochs: 1, batchSize: 16, learningRate: 1e-3, rankWeight: 1, seed: 0 },
      },
    );
    expect(ens.pretrained).toBe(true);
    saveModel(dir, ens);
    // The CLI's loader: the factory by the encoder kind recorded in the model, default options.
    const back = loadModel(dir, (kind) => cgEncoderFactory(kind));
    expect(Array.from(back.predict(inputs, cost).score)).toEqual(Array.from(ens.predict(inputs, cost).score));
    expect(() => loadModel(dir, () => cgEncoderFactory('kgnn'))).toThrow(EnsembleInputError);
    expect(() => loadModel(dir, () => cgEncoderFactory('cg-features'))).toThrow(EnsembleInputError);
    ens.dispose();
    back.dispose();
  }, 120_000);

  it('never overwrites without permission and replaces atomically with it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cgnas-model-')), 'm');
    const a = await small(2);
    const b = await small(3);
    saveModel(dir, a.ens);
    const before = readFileSync(join(dir, 'ensemble.json'), 'utf8');
    expect(() => saveModel(dir, b.ens)).toThrow(ModelFormatError);
    expect(readFileSync(join(dir, 'ensemble.json'), 'utf8')).toBe(before);
    saveModel(dir, b.ens, { overwrite: true });
    expect(readFileSync(join(dir, 'ensemble.json'), 'utf8')).not.toBe(before);
    expect(readdirSync(join(dir, '..'))).toEqual(['m']);
    a.ens.dispose();
    b.ens.dispose();
  }, 30_000);

  it('rejects another format version, a foreign directory and corrupt JSON with ModelFormatError', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cgnas-model-')), 'm');
    const { ens } = await small(4);
    saveModel(dir, ens);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, formatVersion: 999 }));
    expect(() => loadModel(dir, () => factory)).toThrow(ModelFormatError);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(dir, 'ensemble.json'), '{not json');
    expect(() => loadModel(dir, () => factory)).toThrow(ModelFormatError);
    expect(() => loadModel(mkdtempSync(join(tmpdir(), 'cgnas-empty-')), () => factory)).toThrow(ModelFormatError);
    ens.dispose();
  }, 30_000);
});
