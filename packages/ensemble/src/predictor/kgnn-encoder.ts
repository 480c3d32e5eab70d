// The k-GNN of @cgnas/encoder as a TrainableEncoder over Computation Graphs: each call batches the graphs
// (batchGraphs) and runs GraphEncoder's fused native forward, whose custom gradient lets the members'
// Adam steps train it end to end. Graph features are cached per graph object by the factory, so the
// many epochs over the same training networks featurise each graph once.
import { graphFeatures, type ComputationGraph, type GraphFeatures } from '@cgnas/cg-core';
import { GraphEncoder, batchGraphs, resolveEncoderConfig, type GraphEncoderConfig } from '@cgnas/encoder';
import type { tf } from '@cgnas/native/tf';

import { EnsembleInputError } from '../errors.js';
import type { TrainableEncoder } from './trainable-encoder.js';

/** JSON state: the config and every weight array by name (GraphEncoder.getWeights). */
export interface KgnnEncoderState {
  readonly config: GraphEncoderConfig;
  readonly weights: readonly { readonly name: string; readonly shape: readonly number[]; readonly values: number[] }[];
}

export type GraphFeatureCache = WeakMap<ComputationGraph, GraphFeatures>;

export class KgnnEncoder implements TrainableEncoder<ComputationGraph> {
  readonly kind: string;
  private net: GraphEncoder;

  constructor(
    config: Partial<GraphEncoderConfig>,
    private readonly cache: GraphFeatureCache = new WeakMap(),
    kind = 'kgnn',
  ) {
    this.kind = kind;
    this.net = new GraphEncoder(config);
  }

  get gnn(): GraphEncoder {
    return this.net;
  }

  get outputDim(): number {
    return this.net.config.width;
  }

  get variables(): readonly tf.Variable[] {
    return this.gnn.variables();
  }

  features(graph: ComputationGraph): GraphFeatures {
    let f = this.cache.get(graph);
    if (!f) {
      f = graphFeatures(graph);
      this.cache.set(graph, f);
    }
    return f;
  }

  encode(inputs: readonly ComputationGraph[]): tf.Tensor2D {
    return this.gnn.encode(batchGraphs(inputs.map((g) => this.features(g))));
  }

  getState(): KgnnEncoderState {
    return {
      config: this.gnn.config,
      weights: this.gnn.getWeights().map((w) => ({ name: w.name, shape: [...w.shape], values: Array.from(w.values) })),
    };
  }

  /**
   * Restores weights; a state of another depth or width rebuilds the network to match, since a model
   * directory records its k-GNN's architecture and is loaded through a factory with default options.
   */
  setState(state: unknown): void {
    const s = state as Partial<KgnnEncoderState> | null;
    if (!s?.config || !Array.isArray(s.weights)) {
      throw new EnsembleInputError(
        'ensemble.KgnnEncoder.setState: Expected a k-GNN state { config, weights } but received another value',
      );
    }
    const c = this.net.config;
    if (s.config.width !== c.width || s.config.layers !== c.layers) {
      const next = new GraphEncoder({ ...c, layers: s.config.layers, width: s.config.width });
      this.net.dispose();
      this.net = next;
    }
    this.net.setWeights(s.weights.map((w) => ({ name: w.name, shape: w.shape, values: Float32Array.from(w.values) })));
  }

  dispose(): void {
    this.net.dispose();
  }
}

/** The config a state was saved with, checked (fromState builds the encoder from it). */
export function kgnnConfigOf(state: unknown): GraphEncoderConfig {
  const s = state as Partial<KgnnEncoderState> | null;
  if (!s?.config) {
    throw new EnsembleInputError(
      'ensemble.KgnnEncoder.fromState: Expected a k-GNN state with a config but received none',
    );
  }
  return resolveEncoderConfig(s.config);
}
