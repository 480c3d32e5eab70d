// Encoder factories over Computation Graphs by name, so model directories can record which encoder they
// hold and the CLI can rebuild it. 'cg-features' is the feature encoder over cgFeatureVector.
import type { ComputationGraph } from '@cgnas/cg-core';

import { EnsembleInputError } from '../errors.js';
import { CG_FEATURE_WIDTH, cgFeatureVector } from './cg-feature-vector.js';
import { featureEncoderFactory } from './feature-encoder.js';
import type { EncoderFactory } from './trainable-encoder.js';

export const CG_ENCODER_KINDS = ['cg-features'] as const;
export type CgEncoderKind = (typeof CG_ENCODER_KINDS)[number];

export function cgEncoderFactory(kind: string = 'cg-features'): EncoderFactory<ComputationGraph> {
  switch (kind) {
    case 'cg-features':
      return featureEncoderFactory<ComputationGraph>('cg-features', cgFeatureVector, CG_FEATURE_WIDTH);
    default:
      throw new EnsembleInputError(
        `ensemble.cgEncoderFactory: Expected one of ${CG_ENCODER_KINDS.join(', ')} for encoder but received ${JSON.stringify(kind)}`,
      );
  }
}
