import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { selectTfBackend } from '@cgnas/native/tf';
import { beforeAll, describe, expect, it } from 'vitest';

import { EncoderFormatError } from '../errors.js';
import { GraphEncoder } from '../model/graph-encoder.js';
import { readModelDir, writeModelDir } from './model-dir.js';
import { loadEncoder, saveEncoder } from './save-encoder.js';

beforeAll(async () => {
  await selectTfBackend();
});

const tmp = (): string => mkdtempSync(join(tmpdir(), 'cgnas-encoder-'));

describe('saveEncoder / loadEncoder', () => {
  it('reloads config and weights bit-identically, replacing an existing directory atomically', () => {
    const root = tmp();
    const dir = join(root, 'model');
    const a = new GraphEncoder({ layers: 2, width: 8, seed: 3 });
    saveEncoder(new GraphEncoder({ layers: 1, width: 4 }), dir);
    saveEncoder(a, dir, { note: 'x' });
    const b = loadEncoder(dir);
    expect(b.config).toEqual(a.config);
    const wa = a.getWeights();
    b.getWeights().forEach((w, i) => {
      expect(w.name).toBe(wa[i]!.name);
      expect(Buffer.from(w.values.buffer).equals(Buffer.from(wa[i]!.values.buffer))).toBe(true);
    });
    expect(readdirSync(root)).toEqual(['model']); // no temp or backup directories left behind
    a.dispose();
    b.dispose();
  });

  it('refuses another format version, a damaged weight file, or a non-model directory', () => {
    const dir = join(tmp(), 'm');
    writeModelDir(dir, {
      kind: 'encoder',
      meta: {},
      tensors: [{ name: 't', shape: [2], values: Float32Array.of(1, 2) }],
    });
    expect(readModelDir(dir).tensors[0]!.values).toEqual(Float32Array.of(1, 2));
    const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ ...manifest, formatVersion: 99 }));
    expect(() => readModelDir(dir)).toThrow(EncoderFormatError);
    writeFileSync(join(dir, 'model.json'), JSON.stringify(manifest));
    writeFileSync(join(dir, 'weights.bin'), Buffer.from(Float32Array.of(1, 3).buffer));
    expect(() => readModelDir(dir)).toThrow(EncoderFormatError);
    expect(() => loadEncoder(tmp())).toThrow(EncoderFormatError);
    expect(existsSync(dir)).toBe(true);
  });

  it('refuses a directory of another kind', () => {
    const dir = join(tmp(), 'k');
    writeModelDir(dir, { kind: 'pretrain-checkpoint', meta: {}, tensors: [] });
    expect(() => loadEncoder(dir)).toThrow(EncoderFormatError);
  });
});
