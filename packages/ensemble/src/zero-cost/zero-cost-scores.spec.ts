import { GraphBuilder, loadNb201SuiteZero, nb201Graph, type ComputationGraph } from '@cgnas/cg-core';
import { hasNative, Rng } from '@cgnas/native';
import { selectTfBackend, setFloat32RecyclingForTesting, tf } from '@cgnas/native/tf';
import { beforeAll, describe, expect, it } from 'vitest';

import { spearman } from '../metrics/spearman.js';
import { CgNetwork } from './cg-network.js';
import { ZeroCostError } from './zero-cost-error.js';
import { zeroCostScores } from './zero-cost-scores.js';

beforeAll(async () => {
  // Without the addon selectTfBackend picks wasm, which cannot differentiate convolutions.
  if ((await selectTfBackend()).backend !== 'cpu') await tf.setBackend('cpu');
});

const K = 1e-5;
const term = (v: number): number => Math.log(v + K) + 1 / (v + K);

/** input 1x1x4 → linear(3) → output: every proxy has a closed form. */
function linearGraph() {
  const b = new GraphBuilder({ name: 'linear' });
  b.output(b.matmul(b.input(1, 1, 4), 3, true));
  return b.build();
}

/** A small conv chain: every path crosses every layer once, so synflow = layers × R (Euler). */
function chainGraph() {
  const b = new GraphBuilder({ name: 'chain' });
  let x = b.input(8, 8, 2);
  x = b.relu(b.conv(x, { outC: 4, k: 3 }));
  x = b.relu(b.conv(x, { outC: 4, k: 3, stride: 2 }));
  b.output(b.matmul(b.globalPool(x), 3, true));
  return b.build();
}

function residualGraph(size = 8, width = 4) {
  const b = new GraphBuilder({ name: 'residual' });
  const x = b.batchnorm(b.conv(b.input(size, size, 3), { outC: width, k: 3 }));
  const y = b.batchnorm(b.conv(b.relu(x), { outC: width, k: 3 }));
  const p = b.avgpool(x, { k: 3 });
  const z = b.relu(b.add([x, y, p]));
  b.output(b.matmul(b.globalPool(z), 5, true));
  return b.build();
}

/**
 * BN → ReLU → avg pool chains where our custom ops are the only consumers of each other's outputs (tfjs's
 * Add, Conv2D and MatMul keep their inputs for the backward pass; ours must keep what they read).
 */
function poolChainGraph() {
  const b = new GraphBuilder({ name: 'pool-chain' });
  const a = b.avgpool(b.relu(b.batchnorm(b.conv(b.input(16, 16, 3), { outC: 16, k: 3 }))), { k: 3 });
  const c = b.relu(b.avgpool(b.batchnorm(b.conv(a, { outC: 16, k: 3 })), { k: 3 }));
  b.output(b.matmul(b.globalPool(c), 5, true));
  return b.build();
}

/** conv 3×3 → BN → ReLU → global pool → linear: fisher and NASWOT checked against tfjs composites. */
function convBnGraph(variant: 'plain' | 'zero' | 'twice') {
  const b = new GraphBuilder({ name: 'conv-bn' });
  const x = b.input(5, 5, 2);
  const bn = b.batchnorm(b.conv(x, { outC: 3, k: 3 }));
  // 'twice': two ReLU modules on the same tensor (computed once, counted twice by NASWOT).
  let r = variant === 'twice' ? b.add([b.relu(bn), b.relu(bn)]) : b.relu(bn);
  if (variant === 'zero') {
    // A ReLU fed only zeros (NB-201's `none` edge): PyTorch still runs it, and its codes are all 0.
    const dead = b.relu(b.unary('zero', r));
    r = b.add([r, b.conv(dead, { outC: 3, k: 1 })]);
  }
  b.output(b.matmul(b.globalPool(r), 4, true));
  return b.build();
}

/** Determinant by cofactor expansion along the first row: independent of the LU in logDeterminant. */
function cofactorDet(m: readonly (readonly number[])[]): number {
  if (m.length === 1) return m[0]![0]!;
  let det = 0;
  for (let j = 0; j < m.length; j++) {
    const minor = m.slice(1).map((row) => row.filter((_, k) => k !== j));
    det += (j % 2 === 0 ? 1 : -1) * m[0]![j]! * cofactorDet(minor);
  }
  return det;
}

describe('zeroCostScores', () => {
  it('matches the closed forms on a single linear layer', () => {
    const graph = linearGraph();
    const seed = 11;
    const bsz = 5;
    // White-noise inputs: the closed forms redraw them from the same stream.
    const s = zeroCostScores(graph, { seed, batchSize: bsz, inputs: 'gaussian' });
    const net = new CgNetwork(graph, seed);
    const w = Float64Array.from(net.weights[0]!.dataSync());
    net.dispose();
    // Inputs and labels exactly as zeroCostScores draws them.
    const rng = new Rng(seed).fork(2);
    const x = Array.from({ length: bsz * 4 }, () => rng.normal());
    const labels = Array.from({ length: bsz }, () => rng.int(3));
    const g = new Float64Array(12);
    let fisher = 0;
    const perClass = [0, 0, 0];
    for (let n = 0; n < bsz; n++) {
      const z = [0, 1, 2].map((j) => [0, 1, 2, 3].reduce((acc, i) => acc + x[n * 4 + i]! * w[i * 3 + j]!, 0));
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e.reduce((a, c) => a + c, 0);
      const dz = e.map((v, j) => (v / sum - (labels[n] === j ? 1 : 0)) / bsz);
      for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) g[i * 3 + j]! += x[n * 4 + i]! * dz[j]!;
      for (let j = 0; j < 3; j++) perClass[j]! += (z[j]! * dz[j]!) ** 2;
    }
    // NASLib broadcasts each output channel's value over its weights (4 inputs) before summing.
    for (let j = 0; j < 3; j++) fisher += (4 * 0.5 * perClass[j]!) / bsz;
    const snip = w.reduce((acc, v, i) => acc + Math.abs(v * g[i]!), 0);
    const gradNorm = Math.sqrt(g.reduce((acc, v) => acc + v * v, 0));
    expect(s.snip).toBeCloseTo(snip, 5);
    expect(s.grad_norm).toBeCloseTo(gradNorm, 5);
    expect(s.fisher).toBeCloseTo(fisher, 6);
    // synflow: Σ|W| ⊙ ∂(1ᵀ|W|ᵀ1)/∂|W| = Σ|W|.
    expect(s.synflow).toBeCloseTo(Math.log(w.reduce((acc, v) => acc + Math.abs(v), 0)), 5);
    // The input Jacobian of Σ logits is W·1 for every sample: correlation all ones.
    expect(s.jacov).toBeCloseTo(-(term(bsz) + (bsz - 1) * term(0)), 3);
    // No ReLU: NASWOT's kernel is empty.
    expect(s.naswot).toBe(-Infinity);
    expect(s.params).toBe(15);
    expect(s.flops).toBe(12);
  });

  it('fisher (per channel, broadcast over the fan-in) and NASWOT (ReLU-code kernel) match independent composites', () => {
    const seed = 5;
    const bsz = 6;
    const graph = convBnGraph('plain');
    const s = zeroCostScores(graph, { seed, batchSize: bsz, proxies: ['fisher', 'naswot'], inputs: 'gaussian' });
    const net = new CgNetwork(graph, seed);
    const [w1, w2] = net.weights.map((t) => t.clone());
    net.dispose();
    const rng = new Rng(seed).fork(2);
    const xs = Float32Array.from({ length: bsz * 5 * 5 * 2 }, () => rng.normal());
    const labels = Int32Array.from({ length: bsz }, () => rng.int(4));
    const [t, l, bo, r] = graph.nodes[1]!.pads!;
    const ref = tf.tidy(() => {
      const x = tf.tensor4d(xs, [bsz, 5, 5, 2]);
      const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), 4);
      const pad: [[0, 0], [number, number], [number, number], [0, 0]] = [
        [0, 0],
        [t, bo],
        [l, r],
        [0, 0],
      ];
      const a = tf.conv2d(x, w1 as tf.Tensor4D, 1, pad);
      const { mean, variance } = tf.moments(a, [0, 1, 2], true);
      const bn = (v: tf.Tensor): tf.Tensor => tf.mul(tf.sub(v, mean), tf.rsqrt(tf.add(variance, 1e-5)));
      // Statistics depend on a too: differentiate through them.
      const head = (v: tf.Tensor): tf.Tensor => {
        const m = tf.moments(v, [0, 1, 2], true);
        const y = tf.relu(tf.mul(tf.sub(v, m.mean), tf.rsqrt(tf.add(m.variance, 1e-5))));
        return tf.matMul(tf.reshape(tf.mean(y, [1, 2]), [bsz, 3]), w2 as tf.Tensor2D);
      };
      const loss = (v: tf.Tensor): tf.Scalar => tf.losses.softmaxCrossEntropy(oneHot, head(v)) as tf.Scalar;
      const ga = tf.grad(loss)(a);
      const z = head(a);
      const gz = tf.grad((v: tf.Tensor) => tf.losses.softmaxCrossEntropy(oneHot, v) as tf.Scalar)(z);
      return [a.dataSync(), ga.dataSync(), z.dataSync(), gz.dataSync(), bn(a).dataSync()].map((v) => Array.from(v));
    });
    w1!.dispose();
    w2!.dispose();
    const [a, ga, z, gz, relIn] = ref as [number[], number[], number[], number[], number[]];
    // Σ_c ½·mean_b(Σ_hw a·g)², times the weights per output channel (3·3·2 for the conv, 3 for the linear).
    const perLayer = (act: number[], g: number[], hw: number, c: number): number => {
      let total = 0;
      for (let n = 0; n < bsz; n++) {
        for (let ch = 0; ch < c; ch++) {
          let dot = 0;
          for (let p = 0; p < hw; p++) dot += act[(n * hw + p) * c + ch]! * g[(n * hw + p) * c + ch]!;
          total += (0.5 * dot * dot) / bsz;
        }
      }
      return total;
    };
    const fisher = 18 * perLayer(a, ga, 25, 3) + 3 * perLayer(z, gz, 1, 4);
    expect(s.fisher! / fisher).toBeCloseTo(1, 4);
    // NASWOT: K_ij = number of ReLU units where samples i and j are both active or both inactive.
    const d = 75;
    const kernel = Array.from({ length: bsz }, (_, i) =>
      Array.from({ length: bsz }, (_, j) => {
        let agree = 0;
        for (let k = 0; k < d; k++) agree += +(relIn[i * d + k]! > 0 === relIn[j * d + k]! > 0);
        return agree;
      }),
    );
    expect(s.naswot).toBeCloseTo(Math.log(Math.abs(cofactorDet(kernel))), 6);
    // The same ReLU codes plus one ReLU of 75 zeros: every pair agrees on all of them.
    const twice = zeroCostScores(convBnGraph('twice'), {
      seed,
      batchSize: bsz,
      proxies: ['naswot'],
      inputs: 'gaussian',
    });
    expect(twice.naswot).toBeCloseTo(Math.log(Math.abs(cofactorDet(kernel.map((row) => row.map((v) => 2 * v))))), 6);
    const withZero = zeroCostScores(convBnGraph('zero'), {
      seed,
      batchSize: bsz,
      proxies: ['naswot', 'snip', 'fisher'],
      inputs: 'gaussian',
    });
    const shifted = kernel.map((row) => row.map((v) => v + d));
    expect(withZero.naswot).toBeCloseTo(Math.log(Math.abs(cofactorDet(shifted))), 6);
    expect(Number.isFinite(withZero.snip)).toBe(true);
  });

  it('synflow with rescaling equals layers × R on a conv chain (Euler), R from a plain forward pass', () => {
    const graph = chainGraph();
    const { synflow } = zeroCostScores(graph, { seed: 3, proxies: ['synflow'] });
    const net = new CgNetwork(graph, 3);
    const r = tf.tidy(() => {
      const abs = net.weights.map((t) => tf.abs(t));
      const out = net.forward(tf.ones([1, 8, 8, 2]) as tf.Tensor4D, { bn: false, weights: abs });
      return tf.sum(out.logits).dataSync()[0]!;
    });
    net.dispose();
    expect(synflow).toBeCloseTo(Math.log(3 * r), 4);
  });

  it('is deterministic in the seed, changes with it, and leaves no tensors behind', () => {
    const graph = residualGraph();
    const before = tf.memory().numTensors;
    const a = zeroCostScores(graph, { seed: 1, batchSize: 6 });
    const b = zeroCostScores(graph, { seed: 1, batchSize: 6 });
    const c = zeroCostScores(graph, { seed: 2, batchSize: 6 });
    expect(tf.memory().numTensors).toBe(before);
    expect(a).toEqual(b);
    expect(a.snip).not.toBe(c.snip);
    for (const v of Object.values(a)) expect(Number.isFinite(v)).toBe(true);
    expect(Object.keys(zeroCostScores(graph, { proxies: ['flops', 'naswot'] })).sort()).toEqual(['flops', 'naswot']);
    // White-noise inputs change the data-dependent proxies, not the data-free ones.
    const gaussian = zeroCostScores(graph, { seed: 1, batchSize: 6, inputs: 'gaussian' });
    expect(gaussian.jacov).not.toBe(a.jacov);
    expect(gaussian.synflow).toBe(a.synflow);
    expect(zeroCostScores(graph, { seed: 1, batchSize: 6, inputs: 'gaussian' })).toEqual(gaussian);
  });

  it('gives the same scores with float32 storage recycling as without (activations large enough to pool)', () => {
    // 8 × 16 × 16 × 16 = 32,768 values per activation, and an NB-201 network's first stage at batch 2 (with
    // the addon: tfjs's JS convolutions take minutes for it): above the recycling threshold, so BatchNorm,
    // ReLU, pooling and the fisher taps run on reused arrays and must read only tensors that are alive.
    const arch = '|nor_conv_3x3~0|+|avg_pool_3x3~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|';
    const cases: [ComputationGraph, number][] = [
      [poolChainGraph(), 8],
      [residualGraph(16, 16), 8],
    ];
    if (hasNative()) cases.push([nb201Graph(arch), 2]);
    for (const [graph, batchSize] of cases) {
      const run = (mode: 'off' | 'on' | 'poison'): ReturnType<typeof zeroCostScores> => {
        setFloat32RecyclingForTesting(mode);
        try {
          return zeroCostScores(graph, { seed: 4, batchSize });
        } finally {
          setFloat32RecyclingForTesting('on');
        }
      };
      const plain = run('off');
      expect(run('on')).toEqual(plain);
      // Released arrays filled with NaN: a read after release would show in the scores.
      expect(run('poison')).toEqual(plain);
    }
  }, 60_000);

  it('rejects bad options and unknown ops with ZeroCostError', () => {
    const graph = linearGraph();
    expect(() => zeroCostScores(graph, { batchSize: 1 })).toThrow(ZeroCostError);
    expect(() => zeroCostScores(graph, { seed: 0.5 })).toThrow(ZeroCostError);
    expect(() => zeroCostScores(graph, { proxies: ['zen' as never] })).toThrow(ZeroCostError);
    expect(() => zeroCostScores(graph, { inputs: 'cifar' as never })).toThrow(/'gaussian' or 'natural'/);
    const b = new GraphBuilder();
    b.output(b.unary('<oov>', b.input(2, 2, 1)));
    expect(() => zeroCostScores(b.build(), { proxies: ['jacov'] })).toThrow(ZeroCostError);
  });

  it.runIf(tf.findBackend('wasm') !== null)(
    'says which backend to use when convolutions cannot be differentiated',
    async () => {
      await tf.setBackend('wasm');
      try {
        expect(() => zeroCostScores(linearGraph(), { proxies: ['snip'] })).toThrow(ZeroCostError);
      } finally {
        await tf.setBackend('cpu');
      }
    },
  );

  // NB-201 networks need the native convolutions: tfjs's JS kernels take minutes for these 8.
  it.runIf(hasNative())(
    'ranks NB-201 cells like NASLib: synflow on 8 CIFAR-10 cells',
    () => {
      // Every 90th cell of the NAS-Bench-Suite-Zero sample with a finite published synflow.
      const rows = loadNb201SuiteZero()
        .filter((r) => r.dataset === 'cifar10' && Number.isFinite(r.zc.synflow) && r.zc.synflow! > 0)
        .filter((_, i) => i % 90 === 0)
        .slice(0, 8);
      const ours = rows.map((r) => zeroCostScores(nb201Graph(r.archStr), { seed: 0, proxies: ['synflow'] }).synflow!);
      expect(
        spearman(
          rows.map((r) => r.zc.synflow!),
          ours,
        ),
      ).toBeGreaterThan(0.85);
    },
    120_000,
  );
});
