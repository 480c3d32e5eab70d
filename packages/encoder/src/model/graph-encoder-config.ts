// Options of the k-GNN graph encoder, with one DEFAULTS object (GENNAPE, Mills et al. 2023: six
// GraphConv layers, 32 wide, tanh, mean pooling).
import { EncoderInputError } from '../errors.js';

export interface GraphEncoderConfig {
  /** GraphConv layers. Default 6. */
  readonly layers: number;
  /** Node embedding and hidden width. Default 32. */
  readonly width: number;
  /** Dropout on every layer's input while training (SimCSE variant); 0 disables. Default 0. */
  readonly dropout: number;
  /** Seed of the weight initialisation. Default 0. */
  readonly seed: number;
}

export const GRAPH_ENCODER_DEFAULTS: GraphEncoderConfig = { layers: 6, width: 32, dropout: 0, seed: 0 };

/** Defaults filled in and every field checked. */
export function resolveEncoderConfig(config: Partial<GraphEncoderConfig> = {}): GraphEncoderConfig {
  const c = { ...GRAPH_ENCODER_DEFAULTS, ...config };
  const intIn = (name: keyof GraphEncoderConfig, lo: number, hi: number): void => {
    const v = c[name];
    if (!Number.isInteger(v) || v < lo || v > hi) {
      throw new EncoderInputError(
        `encoder.GraphEncoder: Expected an integer in [${lo}, ${hi}] for ${name} but received ${String(v)}`,
      );
    }
  };
  intIn('layers', 1, 64);
  intIn('width', 1, 1024);
  if (!Number.isSafeInteger(c.seed)) {
    throw new EncoderInputError(
      `encoder.GraphEncoder: Expected a safe integer for seed but received ${String(c.seed)}`,
    );
  }
  if (typeof c.dropout !== 'number' || !(c.dropout >= 0 && c.dropout < 1)) {
    throw new EncoderInputError(
      `encoder.GraphEncoder: Expected a number in [0, 1) for dropout but received ${String(c.dropout)}`,
    );
  }
  return c;
}
