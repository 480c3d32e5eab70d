// Factory of k-GNN encoders with GENNAPE's contrastive pretraining (@cgnas/encoder's pretrainEncoder,
// variant A: positives are spectrally nearest neighbours within a family) on the training networks' CGs.
// Pretrained weights are cached per (families, networks, seed, options) for the factory's lifetime, so a
// transfer run that trains several ensembles on the same sources pretrains once.
import { laplacianSpectrum, type ComputationGraph } from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';
import {
  pretrainEncoder,
  type CorpusItem,
  type GraphEncoderConfig,
  type PretrainCorpus,
  type PretrainOptions,
} from '@cgnas/encoder';

import { EnsembleInputError } from '../errors.js';
import { KgnnEncoder, kgnnConfigOf, type GraphFeatureCache, type KgnnEncoderState } from './kgnn-encoder.js';
import type { EncoderFactory, TrainableEncoder } from './trainable-encoder.js';

export interface KgnnFactoryOptions {
  /** GraphEncoder settings (GENNAPE: 6 layers, width 32). */
  readonly encoder: Partial<Pick<GraphEncoderConfig, 'layers' | 'width'>>;
  /** pretrainEncoder options; null disables contrastive pretraining (the "k-GNN without CL" encoder). */
  readonly pretrain: Partial<Pick<PretrainOptions, 'epochs' | 'batchSize' | 'learningRate' | 'temperature'>> | null;
  /**
   * Most networks per family in the pretraining corpus (seeded sample). Default 600: the spectra are a
   * dense eigenproblem per graph (~0.1 s CPU for a 400-node NB-301 CG), and a few hundred graphs per
   * family already give every anchor close spectral neighbours.
   */
  readonly corpusPerFamily: number;
  /** Reports pretraining progress (epoch, loss); library code never prints. */
  readonly onPretrainEpoch?: (epoch: number, epochs: number, loss: number) => void;
}

export const KGNN_FACTORY_DEFAULTS: KgnnFactoryOptions = {
  encoder: {},
  pretrain: { epochs: 5 },
  corpusPerFamily: 600,
};

const EIGENVALUES = 11; // variant A's spectral distance

/** The pretraining corpus of `inputs`: one item per network, grouped by `meta.family`. */
export function pretrainCorpusOf(
  inputs: readonly ComputationGraph[],
  encoder: KgnnEncoder,
  spectra: WeakMap<ComputationGraph, Float64Array>,
  perFamily = Infinity,
  seed = 0,
): PretrainCorpus {
  const byFamily = new Map<string, number[]>();
  inputs.forEach((g, i) => {
    const name = g.meta.family ?? 'unknown';
    const list = byFamily.get(name);
    if (list) list.push(i);
    else byFamily.set(name, [i]);
  });
  const rng = new Rng(seed, 17);
  const chosen = [...byFamily.values()].flatMap((idx) =>
    idx.length <= perFamily
      ? idx
      : rng
          .sampleIndices(idx.length, perFamily)
          .sort((a, b) => a - b)
          .map((j) => idx[j]!),
  );
  const families: string[] = [];
  const items = chosen.map((i): CorpusItem => {
    const g = inputs[i]!;
    const name = g.meta.family ?? 'unknown';
    let family = families.indexOf(name);
    if (family < 0) family = families.push(name) - 1;
    let spectrum = spectra.get(g);
    if (!spectrum) {
      spectrum = laplacianSpectrum(g, EIGENVALUES);
      spectra.set(g, spectrum);
    }
    // The arch string identifies duplicates within a family; without one every network is its own item.
    return { family, key: `${name}:${g.meta.arch ?? `#${i}`}`, features: encoder.features(g), spectrum };
  });
  return { families, eigenvalues: EIGENVALUES, items };
}

export function kgnnEncoderFactory(
  options: Partial<KgnnFactoryOptions> = {},
  kind = 'kgnn',
): EncoderFactory<ComputationGraph> & { create(seed: number): KgnnEncoder } {
  const o = { ...KGNN_FACTORY_DEFAULTS, ...options };
  const features: GraphFeatureCache = new WeakMap();
  const spectra = new WeakMap<ComputationGraph, Float64Array>();
  const pretrained = new Map<string, KgnnEncoderState>();
  const asKgnn = (enc: TrainableEncoder<ComputationGraph>): KgnnEncoder => {
    if (!(enc instanceof KgnnEncoder)) {
      throw new EnsembleInputError(
        `ensemble.kgnnEncoderFactory.pretrain: Expected a k-GNN encoder but received a ${enc.kind} encoder`,
      );
    }
    return enc;
  };
  const create = (seed: number): KgnnEncoder => new KgnnEncoder({ ...o.encoder, seed }, features, kind);
  const factory: EncoderFactory<ComputationGraph> & { create(seed: number): KgnnEncoder } = {
    kind,
    create,
    fromState(state: unknown): KgnnEncoder {
      const enc = new KgnnEncoder(kgnnConfigOf(state), features, kind);
      try {
        enc.setState(state);
      } catch (error) {
        enc.dispose();
        throw error;
      }
      return enc;
    },
  };
  if (o.pretrain === null) return factory;
  const pretrainOptions = o.pretrain;
  factory.pretrain = async (enc, inputs, seed): Promise<void> => {
    const target = asKgnn(enc);
    const corpus = pretrainCorpusOf(inputs, target, spectra, o.corpusPerFamily, seed);
    const key = JSON.stringify({
      families: [...corpus.families].sort(),
      n: inputs.length,
      perFamily: o.corpusPerFamily,
      seed,
      config: { layers: target.gnn.config.layers, width: target.gnn.config.width },
      pretrainOptions,
    });
    let state = pretrained.get(key);
    if (!state) {
      const result = await pretrainEncoder(corpus, {
        ...pretrainOptions,
        variant: 'A',
        encoder: { ...target.gnn.config, seed },
        seed,
        onProgress: (p) => {
          if (p.step === p.steps) o.onPretrainEpoch?.(p.epoch, p.epochs, p.loss);
        },
      });
      try {
        state = {
          config: result.encoder.config,
          weights: result.encoder
            .getWeights()
            .map((w) => ({ name: w.name, shape: [...w.shape], values: Array.from(w.values) })),
        };
      } finally {
        result.encoder.dispose();
      }
      pretrained.set(key, state);
    }
    target.setState(state);
  };
  return factory;
}
