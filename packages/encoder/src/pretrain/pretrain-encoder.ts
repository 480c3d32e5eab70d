// Contrastive pretraining of the k-GNN encoder on unlabeled CGs (GENNAPE, Mills et al. 2023, §3.3).
// Variant A: positives are each graph's spectrally nearest neighbour of the same family (11 eigenvalues).
// Variant B: positives are two dropout passes of the same graph (SimCSE, Gao et al. 2021; 21 eigenvalues).
// Both weigh positives by α = softmax(−spectral distance / 0.05) and checkpoint every epoch.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { Rng, type GraphConvKernels } from '@cgnas/native';
import { tf } from '@cgnas/native/tf';

import { batchGraphs } from '../batch/graph-batch.js';
import { EncoderInputError, EncoderStateError } from '../errors.js';
import { GraphEncoder } from '../model/graph-encoder.js';
import type { GraphEncoderConfig } from '../model/graph-encoder-config.js';
import { MlpHead } from '../model/mlp-head.js';
import { clippedStep } from '../model/clipped-step.js';
import { FusedAdam } from '../model/fused-adam.js';
import { readModelDir, writeModelDir } from '../persistence/model-dir.js';
import { saveEncoder } from '../persistence/save-encoder.js';
import { contrastiveLoss } from './contrastive-loss.js';
import type { PretrainCorpus } from './pretrain-corpus.js';
import { spectralWeights } from './spectral-weights.js';

export type PretrainVariant = 'A' | 'B';

export interface PretrainOptions {
  /** 'A' (spectral nearest neighbour) or 'B' (SimCSE dropout). Default 'A'. */
  readonly variant: PretrainVariant;
  /** Encoder settings; variant B defaults to dropout 0.1 (SimCSE's rate). */
  readonly encoder: Partial<GraphEncoderConfig>;
  /** τ of the loss. Default 0.1: between SimCSE's 0.05 and SimCLR's 0.1–0.5; stable with soft positives and 64 rows. */
  readonly temperature: number;
  /** Temperature of the α softmax over spectral distances. Default 0.05 (GENNAPE). */
  readonly alphaTemperature: number;
  /** Eigenvalues in the spectral distance; default 11 for A, 21 for B. */
  readonly eigenvalues?: number;
  /**
   * Rows of the similarity matrix per step: 32 anchors + 32 positives (A) or 32 graphs × 2 passes (B).
   * Default 64: enough negatives per anchor while a step stays ~14k nodes.
   */
  readonly batchSize: number;
  /** Default 10: each epoch sees every graph once as an anchor; the loss flattens by then on 20k CGs. */
  readonly epochs: number;
  /** Adam learning rate. Default 1e-3 (Adam's default; the model is small and gradients are clipped at 5). */
  readonly learningRate: number;
  /** Projection head widths after the encoder (SimCLR). Default [32, 32]. */
  readonly projection: readonly number[];
  /** Default 0. */
  readonly seed: number;
  /** Where to checkpoint after every epoch (null: no checkpoints). Default null. */
  readonly checkpointDir: string | null;
  /** Continue from checkpointDir's checkpoint when there is one. Default false. */
  readonly resume: boolean;
  readonly onProgress?: (progress: PretrainProgress) => void;
  readonly kernels?: GraphConvKernels;
}

export const PRETRAIN_DEFAULTS: Omit<PretrainOptions, 'onProgress' | 'kernels'> = {
  variant: 'A',
  encoder: {},
  temperature: 0.1,
  alphaTemperature: 0.05,
  batchSize: 64,
  epochs: 10,
  learningRate: 1e-3,
  projection: [32, 32],
  seed: 0,
  checkpointDir: null,
  resume: false,
};

export interface PretrainProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly step: number;
  readonly steps: number;
  /** Mean loss of the epoch so far. */
  readonly loss: number;
  readonly graphsPerSecond: number;
}

export interface PretrainResult {
  /** The trained encoder (the caller disposes it). */
  readonly encoder: GraphEncoder;
  /** Mean loss per epoch (including epochs before a resume). */
  readonly losses: readonly number[];
  /** Epoch the run resumed after (0: from scratch). */
  readonly resumedFrom: number;
}

const CHECKPOINT = 'checkpoint';

function resolveOptions(options: Partial<PretrainOptions>): PretrainOptions & { eigenvalues: number } {
  const o = { ...PRETRAIN_DEFAULTS, ...options };
  if (o.variant !== 'A' && o.variant !== 'B') {
    throw new EncoderInputError(
      `encoder.pretrainEncoder: Expected 'A' or 'B' for variant but received ${JSON.stringify(o.variant)}`,
    );
  }
  const positive = (name: string, v: number, integer: boolean): void => {
    if (!(v > 0) || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
      throw new EncoderInputError(
        `encoder.pretrainEncoder: Expected a positive ${integer ? 'integer' : 'number'} for ${name} but received ${String(v)}`,
      );
    }
  };
  positive('temperature', o.temperature, false);
  positive('alphaTemperature', o.alphaTemperature, false);
  positive('learningRate', o.learningRate, false);
  positive('epochs', o.epochs, true);
  positive('batchSize', o.batchSize, true);
  if (o.batchSize < 4 || o.batchSize % 2 !== 0) {
    throw new EncoderInputError(`encoder.pretrainEncoder: Expected an even batchSize ≥ 4 but received ${o.batchSize}`);
  }
  const eigenvalues = o.eigenvalues ?? (o.variant === 'A' ? 11 : 21);
  positive('eigenvalues', eigenvalues, true);
  const encoder = { dropout: o.variant === 'B' ? 0.1 : 0, seed: o.seed, ...o.encoder };
  return { ...o, encoder, eigenvalues };
}

/** For each item, the spectrally nearest item of the same family with another architecture (itself if none). */
function nearestNeighbours(corpus: PretrainCorpus, k: number): Int32Array {
  const items = corpus.items;
  const out = new Int32Array(items.length);
  const firstOf = new Map<string, number>();
  items.forEach((it, i) => {
    if (!firstOf.has(it.key)) firstOf.set(it.key, i);
  });
  const unique = [...firstOf.values()];
  const best = new Map<string, number>();
  for (const i of unique) {
    let bestD = Infinity;
    let bestJ = i;
    const a = items[i]!;
    for (const j of unique) {
      const b = items[j]!;
      if (j === i || b.family !== a.family) continue;
      let d = 0;
      for (let e = 0; e < k && d < bestD; e++) {
        const diff = a.spectrum[e]! - b.spectrum[e]!;
        d += diff * diff;
      }
      if (d < bestD) {
        bestD = d;
        bestJ = j;
      }
    }
    best.set(a.key, bestJ);
  }
  items.forEach((it, i) => (out[i] = best.get(it.key)!));
  return out;
}

/** Runs contrastive pretraining on `corpus`; see PRETRAIN_DEFAULTS for the defaults and why. */
export async function pretrainEncoder(
  corpus: PretrainCorpus,
  options: Partial<PretrainOptions> = {},
): Promise<PretrainResult> {
  const o = resolveOptions(options);
  if (corpus.eigenvalues < o.eigenvalues) {
    throw new EncoderInputError(
      `encoder.pretrainEncoder: Expected a corpus with at least ${o.eigenvalues} eigenvalues per graph but received ${corpus.eigenvalues}; build it with eigenvalues: ${o.eigenvalues}`,
    );
  }
  const N = corpus.items.length;
  const half = o.batchSize / 2;
  if (N < half) {
    throw new EncoderInputError(
      `encoder.pretrainEncoder: Expected at least batchSize / 2 = ${half} graphs but the corpus has ${N}`,
    );
  }
  const encoder = new GraphEncoder(o.encoder, o.kernels ? { kernels: o.kernels } : {});
  const width = encoder.config.width;
  const head = new MlpHead({ units: [width, ...o.projection], seed: o.seed });
  const optimizer = new FusedAdam({ learningRate: o.learningRate });
  const variables = [...encoder.variables(), ...head.variables()];
  // Names tie checkpointed Adam slots to variables across processes (tfjs names are per-process).
  const fingerprint = {
    variant: o.variant,
    seed: o.seed,
    batchSize: o.batchSize,
    graphs: N,
    families: corpus.families,
    encoder: encoder.config,
  };
  let losses: number[] = [];
  let startEpoch = 0;
  const ckptDir = o.checkpointDir === null ? null : join(o.checkpointDir, CHECKPOINT);
  try {
    if (ckptDir && o.resume && existsSync(ckptDir)) {
      const ck = readModelDir(ckptDir, 'pretrain-checkpoint');
      if (JSON.stringify(ck.meta.fingerprint) !== JSON.stringify(fingerprint)) {
        throw new EncoderStateError(
          `encoder.pretrainEncoder: the checkpoint in ${ckptDir} is from another run (${JSON.stringify(ck.meta.fingerprint)}); use the same options or drop --resume`,
        );
      }
      encoder.setWeights(
        ck.tensors.filter((t) => t.name.startsWith('encoder/')).map((t) => ({ ...t, name: t.name.slice(8) })),
      );
      head.setWeights(
        ck.tensors.filter((t) => t.name.startsWith('head/')).map((t) => ({ ...t, name: t.name.slice(5) })),
      );
      const slots = ck.tensors.filter((t) => t.name.startsWith('adam/'));
      const byName = new Map(variables.map((v, i) => [`v${i}`, v.name]));
      optimizer.setWeights(
        slots.map((t) => {
          const [, kind, id] = t.name.split('/') as [string, string, string];
          return { name: kind === 'iter' ? 'iter' : `${byName.get(id) ?? id}/${kind}`, values: t.values };
        }),
      );
      losses = (ck.meta.losses as number[]).slice();
      startEpoch = ck.meta.epoch as number;
    }
    const neighbours = o.variant === 'A' ? nearestNeighbours(corpus, o.eigenvalues) : null;
    const steps = Math.floor(N / half);
    for (let epoch = startEpoch; epoch < o.epochs; epoch++) {
      // One stream per epoch: a resumed run draws exactly what the uninterrupted run would have.
      const rng = new Rng(o.seed, 1000 + epoch);
      const order = rng.shuffle(Array.from({ length: N }, (_, i) => i));
      let sum = 0;
      const t0 = performance.now();
      for (let step = 0; step < steps; step++) {
        const anchors = order.slice(step * half, (step + 1) * half);
        const rows = neighbours ? [...anchors, ...anchors.map((i) => neighbours[i]!)] : anchors;
        const items = rows.map((i) => corpus.items[i]!);
        const batch = batchGraphs(items.map((it) => it.features));
        const spectra = neighbours ? items.map((it) => it.spectrum) : [...items, ...items].map((it) => it.spectrum);
        const groups = neighbours ? Int32Array.from(items, (it) => it.family) : null;
        const alphaValues = spectralWeights(spectra, o.eigenvalues, o.alphaTemperature, groups);
        const alpha = tf.tensor2d(alphaValues, [spectra.length, spectra.length]);
        const loss = clippedStep(
          optimizer,
          variables,
          () => {
            const h = neighbours
              ? encoder.encode(batch, { training: true, rng })
              : tf.concat([
                  encoder.encode(batch, { training: true, rng }),
                  encoder.encode(batch, { training: true, rng }),
                ]);
            return contrastiveLoss(head.apply(h as tf.Tensor2D), alpha, o.temperature);
          },
          5,
        );
        alpha.dispose();
        sum += loss;
        o.onProgress?.({
          epoch: epoch + 1,
          epochs: o.epochs,
          step: step + 1,
          steps,
          loss: sum / (step + 1),
          graphsPerSecond: ((step + 1) * o.batchSize) / Math.max(1e-9, (performance.now() - t0) / 1000),
        });
      }
      losses.push(sum / steps);
      if (ckptDir) {
        const slots = optimizer.getWeights();
        const idOf = new Map(variables.map((v, i) => [v.name, `v${i}`]));
        const shapeOf = new Map(variables.map((v) => [v.name, v.shape]));
        const tensors = [
          ...encoder.getWeights().map((t) => ({ ...t, name: `encoder/${t.name}` })),
          ...head.getWeights().map((t) => ({ ...t, name: `head/${t.name}` })),
          ...slots.map((s) => {
            const slash = s.name.lastIndexOf('/');
            const name =
              s.name === 'iter'
                ? 'adam/iter/-'
                : `adam/${s.name.slice(slash + 1)}/${idOf.get(s.name.slice(0, slash))!}`;
            const shape = s.name === 'iter' ? [] : shapeOf.get(s.name.slice(0, slash))!;
            return { name, shape, values: s.values };
          }),
        ];
        writeModelDir(ckptDir, {
          kind: 'pretrain-checkpoint',
          meta: { fingerprint, epoch: epoch + 1, losses },
          tensors,
        });
        saveEncoder(encoder, join(o.checkpointDir!, 'encoder'), {
          pretrain: { variant: o.variant, epochs: epoch + 1, losses },
        });
      }
    }
    return { encoder, losses, resumedFrom: startEpoch };
  } catch (error) {
    encoder.dispose();
    throw error;
  } finally {
    head.dispose();
    optimizer.dispose();
  }
}
