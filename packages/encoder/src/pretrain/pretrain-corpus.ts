// The unlabeled corpus of contrastive pretraining: graphs drawn evenly from several families, each
// with its encoder features and the k smallest normalised-Laplacian eigenvalues (GENNAPE §3.3).
import { graphFeatures, laplacianSpectrum, type GraphFeatures } from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';

import { EncoderInputError } from '../errors.js';
import { familySampler, type FamilySampler } from './family-samplers.js';

export interface CorpusItem {
  /** Index into PretrainCorpus.families. */
  readonly family: number;
  readonly key: string;
  readonly features: GraphFeatures;
  /** Smallest eigenvalues, ascending. */
  readonly spectrum: Float64Array;
}

export interface PretrainCorpus {
  readonly families: readonly string[];
  readonly eigenvalues: number;
  readonly items: readonly CorpusItem[];
}

export interface PretrainCorpusOptions {
  /** Family names (see PRETRAIN_FAMILIES) or samplers. */
  readonly families: ReadonlyArray<string | FamilySampler>;
  /** Graphs in all, split evenly over the families. */
  readonly graphs: number;
  /** Eigenvalues kept per graph: 21 covers both variants (A uses the first 11). Default 21. */
  readonly eigenvalues?: number;
  /** Default 0. */
  readonly seed?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Draws the corpus (deterministic for a seed). Duplicate architectures share one item's arrays. */
export function buildPretrainCorpus(options: PretrainCorpusOptions): PretrainCorpus {
  const { graphs } = options;
  const eigenvalues = options.eigenvalues ?? 21;
  if (!Number.isInteger(graphs) || graphs < 2) {
    throw new EncoderInputError(
      `encoder.buildPretrainCorpus: Expected an integer ≥ 2 for graphs but received ${String(graphs)}`,
    );
  }
  if (!Number.isInteger(eigenvalues) || eigenvalues < 1) {
    throw new EncoderInputError(
      `encoder.buildPretrainCorpus: Expected a positive integer for eigenvalues but received ${String(eigenvalues)}`,
    );
  }
  if (!Array.isArray(options.families) || options.families.length === 0) {
    throw new EncoderInputError(
      'encoder.buildPretrainCorpus: Expected at least one family for families but received none',
    );
  }
  const samplers = options.families.map((f) => (typeof f === 'string' ? familySampler(f) : f));
  const rngs = samplers.map((_, i) => new Rng(options.seed ?? 0, i + 1));
  const cache = new Map<string, { features: GraphFeatures; spectrum: Float64Array }>();
  const items: CorpusItem[] = [];
  for (let i = 0; i < graphs; i++) {
    const f = i % samplers.length;
    const { key, graph } = samplers[f]!.sample(rngs[f]!);
    const cacheKey = `${samplers[f]!.family}:${key}`;
    let entry = cache.get(cacheKey);
    if (!entry) {
      entry = { features: graphFeatures(graph), spectrum: laplacianSpectrum(graph, eigenvalues) };
      cache.set(cacheKey, entry);
    }
    items.push({ family: f, key: cacheKey, ...entry });
    if (options.onProgress && (i % 64 === 63 || i === graphs - 1)) options.onProgress(i + 1, graphs);
  }
  return { families: samplers.map((s) => s.family), eigenvalues, items };
}
