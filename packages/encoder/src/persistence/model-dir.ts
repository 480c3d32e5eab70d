// A model directory: `model.json` (format, version, config, tensor index, checksum) and `weights.bin`
// (little-endian float32, concatenated). Written to a temporary sibling directory, then renamed into
// place, so a reader never sees half a model; reloading gives bit-identical weights.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { EncoderFormatError, EncoderInputError } from '../errors.js';
import type { NamedWeights } from '../model/graph-encoder.js';

export const MODEL_FORMAT = 'cgnas-encoder';
/** Bumped whenever the layout or the meaning of a tensor changes. */
export const MODEL_FORMAT_VERSION = 1;

export interface ModelDirContents {
  /** What the directory holds, e.g. 'encoder' or 'pretrain-checkpoint'. */
  readonly kind: string;
  /** JSON-serialisable settings (encoder config, epoch, history...). */
  readonly meta: Record<string, unknown>;
  readonly tensors: readonly NamedWeights[];
}

interface Manifest {
  format: string;
  formatVersion: number;
  kind: string;
  meta: Record<string, unknown>;
  tensors: Array<{ name: string; shape: number[]; offset: number; length: number }>;
  checksum: string;
}

/** FNV-1a over the bytes: catches truncated or edited weight files. */
function checksum(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Writes the directory atomically (temp sibling, then rename); replaces an existing one. */
export function writeModelDir(dir: string, contents: ModelDirContents): void {
  if (typeof dir !== 'string' || dir.length === 0) {
    throw new EncoderInputError(`encoder.writeModelDir: Expected a directory path for dir but received ${String(dir)}`);
  }
  const target = resolve(dir);
  mkdirSync(dirname(target), { recursive: true });
  let total = 0;
  const index = contents.tensors.map((t) => {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.values.length) {
      throw new EncoderInputError(
        `encoder.writeModelDir: Expected ${size} values for tensor ${t.name} of shape [${t.shape.join(', ')}] but received ${t.values.length}`,
      );
    }
    const entry = { name: t.name, shape: [...t.shape], offset: total, length: size };
    total += size;
    return entry;
  });
  const weights = new Float32Array(total);
  contents.tensors.forEach((t, i) => weights.set(t.values, index[i]!.offset));
  const bytes = new Uint8Array(weights.buffer);
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) {
    throw new EncoderInputError(
      'encoder.writeModelDir: big-endian hosts are not supported; save on a little-endian machine',
    );
  }
  const manifest: Manifest = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind: contents.kind,
    meta: contents.meta,
    tensors: index,
    checksum: checksum(bytes),
  };
  const stamp = `${process.pid}-${Date.now().toString(36)}-${Math.floor(performance.now() * 1000).toString(36)}`;
  const temp = `${target}.tmp-${stamp}`;
  const old = `${target}.old-${stamp}`;
  mkdirSync(temp);
  try {
    writeFileSync(join(temp, 'weights.bin'), bytes);
    writeFileSync(join(temp, 'model.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const replacing = existsSync(target);
    if (replacing) renameSync(target, old);
    renameSync(temp, target);
    if (replacing) rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Reads a directory written by writeModelDir; EncoderFormatError when it is missing, damaged or of another version. */
export function readModelDir(dir: string, expectedKind?: string): ModelDirContents {
  const target = resolve(dir);
  const manifestPath = join(target, 'model.json');
  if (!existsSync(manifestPath)) {
    throw new EncoderFormatError(
      `encoder.readModelDir: ${target} holds no model.json; pass a directory written by saveEncoder or cgnas pretrain`,
    );
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch (error) {
    throw new EncoderFormatError(
      `encoder.readModelDir: ${manifestPath} is not valid JSON (${(error as Error).message}); save the model again`,
    );
  }
  if (manifest?.format !== MODEL_FORMAT) {
    throw new EncoderFormatError(
      `encoder.readModelDir: Expected format ${MODEL_FORMAT} in ${manifestPath} but received ${JSON.stringify(manifest?.format)}`,
    );
  }
  if (manifest.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new EncoderFormatError(
      `encoder.readModelDir: ${target} has format version ${manifest.formatVersion} but this cgnas reads version ${MODEL_FORMAT_VERSION}; re-run cgnas pretrain or use the matching cgnas version`,
    );
  }
  if (expectedKind !== undefined && manifest.kind !== expectedKind) {
    throw new EncoderFormatError(
      `encoder.readModelDir: Expected a ${expectedKind} in ${target} but it holds a ${manifest.kind}`,
    );
  }
  const raw = readFileSync(join(target, 'weights.bin'));
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  if (checksum(bytes) !== manifest.checksum || bytes.byteLength % 4 !== 0) {
    throw new EncoderFormatError(
      `encoder.readModelDir: ${target}/weights.bin does not match its checksum; the file is damaged, save the model again`,
    );
  }
  const weights = new Float32Array(bytes.slice().buffer);
  const tensors = manifest.tensors.map((t) => {
    if (t.offset + t.length > weights.length) {
      throw new EncoderFormatError(
        `encoder.readModelDir: tensor ${t.name} runs past the end of weights.bin; save the model again`,
      );
    }
    return { name: t.name, shape: t.shape, values: weights.slice(t.offset, t.offset + t.length) };
  });
  return { kind: manifest.kind, meta: manifest.meta, tensors };
}
