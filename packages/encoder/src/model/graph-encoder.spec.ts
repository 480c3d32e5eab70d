import { getGraphConvKernels, hasNative, jsGraphConvKernels, Rng } from '@cgnas/native';
import { selectTfBackend, tf } from '@cgnas/native/tf';
import { beforeAll, describe, expect, it } from 'vitest';

import { batchGraphs, type GraphBatch } from '../batch/graph-batch.js';
import { EncoderInputError, EncoderStateError } from '../errors.js';
import { randomFeatures } from '../testing/random-features.js';
import { clippedStep } from './clipped-step.js';
import { FusedAdam } from './fused-adam.js';
import { GraphEncoder } from './graph-encoder.js';
import { MlpHead } from './mlp-head.js';

beforeAll(async () => {
  await selectTfBackend();
});

function batches(seed: number, count: number, size = 8): GraphBatch[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () =>
    batchGraphs(Array.from({ length: size }, () => randomFeatures(rng, 5 + rng.int(30)))),
  );
}

/** Trains encoder + head on a fixed regression for `steps`; returns the losses. */
function train(
  encoder: GraphEncoder,
  head: MlpHead,
  data: GraphBatch[],
  steps: number,
  rng?: Rng,
  fused = false,
): number[] {
  const optimizer = fused ? new FusedAdam({ learningRate: 3e-3 }) : tf.train.adam(3e-3);
  const targets = data.map((b) =>
    tf.tensor2d(
      Array.from({ length: b.numGraphs }, (_, g) => Math.sin(g + b.numNodes)),
      [b.numGraphs, 1],
    ),
  );
  const vars = [...encoder.variables(), ...head.variables()];
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const i = s % data.length;
    const opts = rng ? { training: true, rng } : {};
    losses.push(
      clippedStep(
        optimizer,
        vars,
        () => tf.losses.meanSquaredError(targets[i]!, head.apply(encoder.encode(data[i]!, opts))) as tf.Scalar,
        5,
      ),
    );
  }
  targets.forEach((t) => t.dispose());
  optimizer.dispose();
  return losses;
}

describe('GraphEncoder', () => {
  it('encodes a batch to [graphs, width] and tfjs gradients equal the fused kernel backward', () => {
    const encoder = new GraphEncoder({ layers: 2, width: 8 });
    const [b] = batches(1, 1);
    const out = encoder.encode(b!);
    expect(out.shape).toEqual([8, 8]);
    out.dispose();
    // d/dθ Σ r ⊙ encode(θ) through tf.grads must match finite differences of the tfjs forward.
    const r = tf.randomNormal([8, 8], 0, 1, 'float32', 3);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(r, encoder.encode(b!))) as tf.Scalar, encoder.variables());
    const g = grads[encoder.convs.name]!.dataSync();
    const base = Float32Array.from(encoder.convs.dataSync());
    const lossAt = (values: Float32Array): number => {
      const t = tf.tensor(values, encoder.convs.shape);
      encoder.convs.assign(t);
      t.dispose();
      return tf.tidy(() => tf.sum(tf.mul(r, encoder.encode(b!))).dataSync()[0]!);
    };
    for (const k of [0, 17, 100, 150]) {
      const h = 1e-2;
      const up = base.slice();
      up[k]! += h;
      const down = base.slice();
      down[k]! -= h;
      const fd = (lossAt(up) - lossAt(down)) / (2 * h);
      expect(Math.abs(fd - g[k]!)).toBeLessThan(2e-3 * (1 + Math.abs(fd)));
    }
    Object.values(grads).forEach((t) => t.dispose());
    r.dispose();
    encoder.dispose();
  });

  it('trains with Adam and an MLP head without leaking tensors, and the loss falls', () => {
    const encoder = new GraphEncoder({ layers: 3, width: 16 });
    const head = new MlpHead({ units: [16, 16, 1] });
    const data = batches(2, 3);
    train(encoder, head, data, 3); // creates Adam slots
    const before = tf.memory().numTensors;
    const losses = train(encoder, head, data, 60);
    expect(tf.memory().numTensors).toBe(before);
    const early = losses.slice(0, 6).reduce((a, b) => a + b) / 6;
    const late = losses.slice(-6).reduce((a, b) => a + b) / 6;
    expect(late).toBeLessThan(early * 0.7);
    encoder.dispose();
    head.dispose();
  }, 30_000);

  // Width 32 takes the register-blocked native kernels, width 8 the generic ones.
  it.each([8, 32])(
    'is deterministic: the same seed gives the same weights after training (width %i, dropout)',
    (width) => {
      const run = (): Float32Array[] => {
        const encoder = new GraphEncoder({ layers: 2, width, dropout: 0.2, seed: 7 });
        const head = new MlpHead({ units: [width, 4, 1], seed: 7 });
        train(encoder, head, batches(3, 2), 10, new Rng(5), width === 32);
        const w = encoder.getWeights().map((x) => x.values);
        encoder.dispose();
        head.dispose();
        return w;
      };
      const a = run();
      const b = run();
      a.forEach((w, i) => expect(Array.from(b[i]!)).toEqual(Array.from(w)));
      const other = new GraphEncoder({ layers: 2, width: 8, seed: 8 });
      expect(Array.from(other.getWeights()[2]!.values)).not.toEqual(
        Array.from(new GraphEncoder({ layers: 2, width: 8, seed: 7 }).getWeights()[2]!.values),
      );
      other.dispose();
    },
    30_000,
  );

  it.skipIf(!hasNative())('gives the same embeddings on the native and JS kernels (1e-5)', () => {
    const [b] = batches(4, 1, 12);
    const native = new GraphEncoder({}, { kernels: getGraphConvKernels('native')! });
    const js = new GraphEncoder({}, { kernels: jsGraphConvKernels });
    const x = native.embed(b!);
    const y = js.embed(b!);
    x.forEach((row, g) =>
      row.forEach((v, f) => expect(Math.abs(v - y[g]![f]!)).toBeLessThan(1e-5 * (1 + Math.abs(v)))),
    );
    native.dispose();
    js.dispose();
  });

  it('rejects bad configs, dropout without an rng, and use after dispose', () => {
    expect(() => new GraphEncoder({ layers: 0 })).toThrow(EncoderInputError);
    expect(() => new GraphEncoder({ dropout: 1 })).toThrow(EncoderInputError);
    const e = new GraphEncoder({ layers: 1, width: 4, dropout: 0.5 });
    const [b] = batches(5, 1, 2);
    expect(() => e.encode(b!, { training: true })).toThrow(EncoderInputError);
    e.dispose();
    expect(() => e.encode(b!)).toThrow(EncoderStateError);
  });
});
