// Encoder factories over Computation Graphs by name, so model directories can record which encoder they
// hold and the CLI can rebuild it. 'kgnn' is @cgnas/encoder's k-GNN with contrastive pretraining;
// 'cg-features' is the feature encoder over cgFeatureVector (an MLP, no pretraining); 'kgnn+features'
// concatenates the two embeddings (the k-GNN part pretrained, the feature part not).
import type { ComputationGraph } from '@cgnas/cg-core';

import { EnsembleInputError } from '../errors.js';
import { concatEncoderFactory } from './concat-encoder.js';
import { CG_FEATURE_WIDTH, cgFeatureVector } from './cg-feature-vector.js';
import { featureEncoderFactory } from './feature-encoder.js';
import { kgnnEncoderFactory, type KgnnFactoryOptions } from './kgnn-encoder-factory.js';
import type { MemberTraining } from './ensemble-member.js';
import { GENNAPE_ENSEMBLE_DEFAULTS } from './gennape-ensemble.js';
import type { EncoderFactory } from './trainable-encoder.js';

export const CG_ENCODER_KINDS = ['kgnn', 'kgnn+features', 'cg-features'] as const;
export type CgEncoderKind = (typeof CG_ENCODER_KINDS)[number];
export const DEFAULT_CG_ENCODER: CgEncoderKind = 'kgnn';

export interface CgEncoderFactoryOptions {
  /** Options of the 'kgnn' factory (ignored by 'cg-features'). */
  readonly kgnn?: Partial<KgnnFactoryOptions>;
}

export function cgEncoderFactory(
  kind: string = DEFAULT_CG_ENCODER,
  options: CgEncoderFactoryOptions = {},
): EncoderFactory<ComputationGraph> {
  switch (kind) {
    case 'kgnn':
      return kgnnEncoderFactory(options.kgnn);
    case 'kgnn+features':
      return concatEncoderFactory('kgnn+features', [
        kgnnEncoderFactory(options.kgnn),
        featureEncoderFactory<ComputationGraph>('cg-features', cgFeatureVector, CG_FEATURE_WIDTH),
      ]);
    case 'cg-features':
      return featureEncoderFactory<ComputationGraph>('cg-features', cgFeatureVector, CG_FEATURE_WIDTH);
    default:
      throw new EnsembleInputError(
        `ensemble.cgEncoderFactory: Expected one of ${CG_ENCODER_KINDS.join(', ')} for encoder but received ${JSON.stringify(kind)}`,
      );
  }
}

export interface EncoderTrainingDefaults {
  /** Most NB-201 cells among the training networks. */
  readonly nb201Limit: number;
  /** Training epochs per member on the source families. */
  readonly epochs: number;
  /** Contrastive pretraining epochs (k-GNN encoders). */
  readonly pretrainEpochs: number;
  readonly training: MemberTraining;
  /** Fine-tuning on the few target networks (all parameters, small batches). */
  readonly fineTuning: MemberTraining;
}

/**
 * Training budget per encoder kind, as `cgnas train` and `evaluate transfer` use it. The k-GNN's step
 * costs ~50x the feature MLP's (message passing over ~150–400-node CGs), so its members see fewer source
 * networks for fewer epochs at a higher learning rate. Fine-tuning touches only 40–50 networks, so the
 * k-GNN members take 100 epochs there and keep the average of the last 50 (weight averaging): on the
 * NB-301 transfer (5 seeds, in-sample member weights) the ensemble reaches 0.864 SRCC against 0.839 with
 * 30 epochs at lr 5e-4 and no averaging (`npm run bench -- transfer 5 nb301 kgnn '{"fineTuning":{...},
 * "weightFolds":0,"weightTemperature":1}'`). The 3-target, 5-seed table takes 15 min on 2 cores with the
 * default out-of-fold weights (3 extra fine-tunes per member), inside the 20-minute budget.
 */
export function encoderTrainingDefaults(kind: string): EncoderTrainingDefaults {
  const training: MemberTraining = { epochs: 30, batchSize: 32, learningRate: 1e-3, rankWeight: 1, seed: 0 };
  if (kind === 'cg-features') {
    return {
      nb201Limit: 3000,
      epochs: 30,
      pretrainEpochs: 1,
      training,
      fineTuning: { epochs: 30, batchSize: 10, learningRate: 5e-4, rankWeight: 1, seed: 0 },
    };
  }
  if (!(CG_ENCODER_KINDS as readonly string[]).includes(kind)) {
    throw new EnsembleInputError(
      `ensemble.encoderTrainingDefaults: Expected one of ${CG_ENCODER_KINDS.join(', ')} for encoder but received ${JSON.stringify(kind)}`,
    );
  }
  return {
    nb201Limit: 1000,
    epochs: 6,
    pretrainEpochs: 5,
    training: { ...training, epochs: 6, learningRate: 2e-3 },
    fineTuning: GENNAPE_ENSEMBLE_DEFAULTS.fineTuning,
  };
}
