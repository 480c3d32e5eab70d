// Saves and loads a GraphEncoder (config + weights) as a model directory (see model-dir.ts).
import type { GraphConvKernels } from '@cgnas/native';

import { EncoderFormatError } from '../errors.js';
import { GraphEncoder } from '../model/graph-encoder.js';
import { resolveEncoderConfig, type GraphEncoderConfig } from '../model/graph-encoder-config.js';
import { readModelDir, writeModelDir } from './model-dir.js';

/** Writes `encoder` to `dir` atomically; `meta` is stored beside the config (e.g. how it was trained). */
export function saveEncoder(encoder: GraphEncoder, dir: string, meta: Record<string, unknown> = {}): void {
  writeModelDir(dir, { kind: 'encoder', meta: { ...meta, config: encoder.config }, tensors: encoder.getWeights() });
}

/** Loads an encoder saved by saveEncoder (bit-identical weights). */
export function loadEncoder(dir: string, options: { kernels?: GraphConvKernels } = {}): GraphEncoder {
  const { meta, tensors } = readModelDir(dir, 'encoder');
  let config: GraphEncoderConfig;
  try {
    config = resolveEncoderConfig(meta.config as Partial<GraphEncoderConfig>);
  } catch (error) {
    throw new EncoderFormatError(
      `encoder.loadEncoder: ${dir} has an invalid config (${(error as Error).message}); save the model again`,
    );
  }
  const encoder = new GraphEncoder(config, options);
  try {
    encoder.setWeights(tensors);
  } catch (error) {
    encoder.dispose();
    throw new EncoderFormatError(
      `encoder.loadEncoder: ${dir} does not match its config (${(error as Error).message}); save the model again`,
    );
  }
  return encoder;
}
