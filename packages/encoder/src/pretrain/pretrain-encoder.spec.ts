import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { selectTfBackend, tf } from '@cgnas/native/tf';
import { beforeAll, describe, expect, it } from 'vitest';

import { EncoderInputError, EncoderStateError } from '../errors.js';
import { loadEncoder } from '../persistence/save-encoder.js';
import { buildPretrainCorpus, type PretrainCorpus } from './pretrain-corpus.js';
import { pretrainEncoder, type PretrainOptions, type PretrainProgress } from './pretrain-encoder.js';

let corpus: PretrainCorpus;
beforeAll(async () => {
  await selectTfBackend();
  corpus = buildPretrainCorpus({ families: ['nb201', 'nb101'], graphs: 24, seed: 1 });
});

const small: Partial<PretrainOptions> = {
  encoder: { layers: 2, width: 8 },
  projection: [8],
  batchSize: 8,
  epochs: 2,
  seed: 3,
};

describe('pretrainEncoder', () => {
  it('builds a corpus alternating families with 21 eigenvalues each', () => {
    expect(corpus.families).toEqual(['nb201', 'nb101']);
    expect(corpus.items.map((i) => i.family).slice(0, 4)).toEqual([0, 1, 0, 1]);
    expect(corpus.items.every((i) => i.spectrum.length === 21 && i.spectrum[0]! >= -1e-9)).toBe(true);
  });

  for (const variant of ['A', 'B'] as const) {
    it(`variant ${variant}: reports progress, gives finite losses, is deterministic for a seed, and leaks no tensors`, async () => {
      const progress: PretrainProgress[] = [];
      const tensors = tf.memory().numTensors;
      const a = await pretrainEncoder(corpus, { ...small, variant, onProgress: (p) => progress.push(p) });
      const b = await pretrainEncoder(corpus, { ...small, variant });
      expect(a.losses).toHaveLength(2);
      expect(a.losses.every(Number.isFinite)).toBe(true);
      expect(progress.at(-1)).toMatchObject({ epoch: 2, epochs: 2, step: 6, steps: 6 });
      expect(b.losses).toEqual(a.losses);
      const wa = a.encoder.getWeights();
      b.encoder.getWeights().forEach((w, i) => expect(Array.from(w.values)).toEqual(Array.from(wa[i]!.values)));
      if (variant === 'B') expect(a.encoder.config.dropout).toBe(0.1);
      a.encoder.dispose();
      b.encoder.dispose();
      expect(tf.memory().numTensors).toBe(tensors);
    }, 60_000);
  }

  it('checkpoints every epoch and resumes to the same result as an uninterrupted run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgnas-pretrain-'));
    const full = await pretrainEncoder(corpus, small);
    const first = await pretrainEncoder(corpus, { ...small, epochs: 1, checkpointDir: dir });
    first.encoder.dispose();
    expect(loadEncoder(join(dir, 'encoder')).config.layers).toBe(2);
    const resumed = await pretrainEncoder(corpus, { ...small, checkpointDir: dir, resume: true });
    expect(resumed.resumedFrom).toBe(1);
    // The checkpoint holds everything the next epoch reads (weights, head, Adam moments and step), so
    // the resumed run is bit-identical.
    expect(resumed.losses).toEqual(full.losses);
    const wf = full.encoder.getWeights();
    resumed.encoder.getWeights().forEach((w, i) => expect(Array.from(w.values)).toEqual(Array.from(wf[i]!.values)));
    await expect(pretrainEncoder(corpus, { ...small, seed: 4, checkpointDir: dir, resume: true })).rejects.toThrow(
      EncoderStateError,
    );
    full.encoder.dispose();
    resumed.encoder.dispose();
  }, 60_000);

  it('rejects bad options with EncoderInputError', async () => {
    await expect(pretrainEncoder(corpus, { ...small, batchSize: 7 })).rejects.toThrow(EncoderInputError);
    await expect(pretrainEncoder(corpus, { ...small, variant: 'C' as 'A' })).rejects.toThrow(EncoderInputError);
    expect(() => buildPretrainCorpus({ families: ['nope'], graphs: 4 })).toThrow(EncoderInputError);
  });
});
