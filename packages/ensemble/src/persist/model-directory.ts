// A trained predictor on disk: manifest.json (format name and version, encoder kind, training summary)
// and ensemble.json (every member's encoder, heads, FCM centroids and label statistics). Written into a
// temporary sibling folder and renamed into place, so a failed save never leaves a half-written model or
// replaces a good one.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import { ModelFormatError } from '../errors.js';
import { GennapeEnsemble, type GennapeEnsembleState } from '../predictor/gennape-ensemble.js';
import type { EncoderFactory } from '../predictor/trainable-encoder.js';

export const MODEL_FORMAT = 'cgnas-ensemble';
export const MODEL_FORMAT_VERSION = 1;

export interface ModelManifest {
  readonly format: typeof MODEL_FORMAT;
  readonly formatVersion: number;
  readonly encoderKind: string;
  readonly createdAt: string;
  /** Free-form training summary (families, sizes, options). */
  readonly training: Readonly<Record<string, unknown>>;
}

export interface SaveModelOptions {
  /** Replace an existing model directory (the old one is kept until the new one is in place). */
  readonly overwrite: boolean;
  readonly training: Readonly<Record<string, unknown>>;
}

export function saveModel<G>(
  dir: string,
  ensemble: GennapeEnsemble<G>,
  options: Partial<SaveModelOptions> = {},
): ModelManifest {
  const target = resolve(dir);
  if (existsSync(target) && !options.overwrite) {
    throw new ModelFormatError(
      `ensemble.saveModel: ${target} already exists; pass overwrite: true (CLI: --force) or choose another directory`,
    );
  }
  const manifest: ModelManifest = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    encoderKind: ensemble.factory.kind,
    createdAt: new Date().toISOString(),
    training: options.training ?? {},
  };
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  try {
    mkdirSync(tmp);
    writeFileSync(join(tmp, 'ensemble.json'), JSON.stringify(ensemble.getState()));
    writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    if (existsSync(target)) {
      const old = join(parent, `.${basename(target)}.old-${process.pid}-${Date.now()}`);
      renameSync(target, old);
      try {
        renameSync(tmp, target);
      } catch (error) {
        renameSync(old, target);
        throw error;
      }
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, target);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return manifest;
}

function readJson(file: string, what: string): unknown {
  if (!existsSync(file)) {
    throw new ModelFormatError(
      `ensemble.loadModel: ${what} ${file} is missing; the directory is not a cgnas model (train one with \`cgnas train\`)`,
    );
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ModelFormatError(
      `ensemble.loadModel: ${file} is not valid JSON (${(error as Error).message}); re-train the model`,
    );
  }
}

export function readModelManifest(dir: string): ModelManifest {
  const m = readJson(join(resolve(dir), 'manifest.json'), 'manifest') as Partial<ModelManifest>;
  if (m.format !== MODEL_FORMAT) {
    throw new ModelFormatError(
      `ensemble.loadModel: Expected format ${MODEL_FORMAT} but received ${JSON.stringify(m.format)}`,
    );
  }
  if (m.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelFormatError(
      `ensemble.loadModel: Expected model format version ${MODEL_FORMAT_VERSION} but received ${JSON.stringify(m.formatVersion)}; re-train with this cgnas version`,
    );
  }
  return m as ModelManifest;
}

/** Loads a model; `factoryFor(kind)` supplies the encoder factory the model was trained with. */
export function loadModel<G>(dir: string, factoryFor: (encoderKind: string) => EncoderFactory<G>): GennapeEnsemble<G> {
  const manifest = readModelManifest(dir);
  const state = readJson(join(resolve(dir), 'ensemble.json'), 'ensemble state') as GennapeEnsembleState;
  if (state.encoderKind !== manifest.encoderKind || !Array.isArray(state.members)) {
    throw new ModelFormatError(
      `ensemble.loadModel: ensemble.json does not match manifest.json in ${dir}; re-train the model`,
    );
  }
  return GennapeEnsemble.fromState(factoryFor(manifest.encoderKind), state);
}
