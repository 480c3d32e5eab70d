// Zero-cost proxies computed on a Computation Graph instantiated with seeded random weights and seeded
// random inputs, following Abdelfattah et al., "Zero-Cost Proxies for Lightweight NAS" (ICLR 2021,
// SamsungLabs/zero-cost-nas) and NASLib's predictors/pruners/measures, plus NASWOT (Mellor et al. 2021).
import { graphCost, type ComputationGraph } from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';
import { tf, withFloat32Recycling } from '@cgnas/native/tf';

import { CgNetwork, type CgInit } from './cg-network.js';
import { jacovScore } from './jacov-score.js';
import { logDeterminant } from './log-determinant.js';
import { naturalNoise } from './natural-noise.js';
import { ZeroCostError } from './zero-cost-error.js';

export const ZERO_COST_PROXIES = [
  'synflow',
  'jacov',
  'snip',
  'grad_norm',
  'fisher',
  'naswot',
  'flops',
  'params',
] as const;

export type ZeroCostProxy = (typeof ZERO_COST_PROXIES)[number];

export interface ZeroCostOptions {
  /** Which proxies to compute (default: all). */
  readonly proxies?: readonly ZeroCostProxy[];
  /** Seeds the weights, the inputs and the labels. */
  readonly seed?: number;
  /**
   * Samples per batch for the data-dependent proxies (synflow always uses one all-ones input). 32 as in
   * NAS-Bench-Suite-Zero (NASLib's zc configs; its jacov scores, bounded above by −batch, agree). naswot
   * and jacov depend on it: a B×B kernel.
   */
  readonly batchSize?: number;
  /** Weight initialisation (see CgNetwork). */
  readonly init?: CgInit;
  /**
   * Input images: 'natural' (default) draws images with natural-image statistics (1/f spectrum,
   * correlated colour channels; natural-noise.ts); 'gaussian' draws N(0, 1) per pixel.
   */
  readonly inputs?: ZeroCostInputs;
}

export type ZeroCostInputs = 'gaussian' | 'natural';

export const ZERO_COST_DEFAULTS: Required<ZeroCostOptions> = {
  proxies: ZERO_COST_PROXIES,
  seed: 0,
  batchSize: 32,
  init: 'pytorch',
  inputs: 'natural',
};

/**
 * Zero-cost scores of one network (higher = predicted better for all except flops/params, which are sizes).
 *
 * - Weights: PyTorch's default U(±1/√fan_in) (option `init`): NASLib scored freshly built PyTorch
 *   networks. On 120 NB-201 cells it moved fisher's ρ with the published scores 0.88 → 0.91 and synflow's
 *   0.996 → 0.999 (jacov 0.88 → 0.82: its published values are themselves re-drawn between versions);
 *   biases 0; BatchNorm uses batch statistics with identity affine, as PyTorch's train mode at init.
 *   Inputs (option `inputs`): by default seeded images with natural-image statistics (1/f spectrum,
 *   correlated colour channels, z-scored per channel; natural-noise.ts), labels uniform over the classes;
 *   both from `seed`. NASLib scored CIFAR-10 images; white N(0, 1) pixels ('gaussian') leave fisher's and
 *   jacov's ρ with accuracy 0.075 below the published ones, natural noise within 0.015 (300 NB-201 cells,
 *   `npm run bench -- zero-cost --n 300 --proxies fisher,jacov --inputs gaussian|natural`).
 * - synflow: Σ|θ ⊙ ∂R/∂θ| over conv/linear weights, R = Σ f_|θ|(1) without BatchNorm (Tanaka et al. 2020),
 *   reported as its natural log (−Infinity when no path reaches the output): it overflows float32 (and often
 *   float64) on deep networks. Computed with
 *   activations rescaled at nodes every path crosses, which is exact for positively homogeneous networks.
 * - jacov: NASLib `eval_score` of the input Jacobian of Σ logits.
 * - snip Σ|θ ⊙ ∇L|, grad_norm Σ_layers ‖∇L‖₂, with L the cross-entropy of one batch.
 * - fisher Σ_layers fan_in · Σ_c ½·mean_b(Σ_hw a ⊙ ∇_a L)², a = each conv/linear output: NASLib computes
 *   the per-channel value and broadcasts it over the channel's weights (weight.shape[1:], i.e. the
 *   fan-in) before summing, so wide 3×3 layers weigh 9× a 1×1 layer of the same width.
 * - naswot: ln|det K|, K = Σ_ReLU (c cᵀ + (1−c)(1−c)ᵀ) over the ReLU inputs' binary codes c, every ReLU
 *   the forward pass runs (also those fed only zeros, whose codes are all 0), in the loss pass's forward.
 * - flops (MACs) and params from graphCost.
 *
 * Runs synchronously on the current tfjs backend (use `selectTfBackend()`: cpu+native is fast).
 */
export function zeroCostScores(
  graph: ComputationGraph,
  options: ZeroCostOptions = {},
): Partial<Record<ZeroCostProxy, number>> {
  const opts = { ...ZERO_COST_DEFAULTS, ...options };
  if (!Number.isSafeInteger(opts.seed)) {
    throw new ZeroCostError(`ensemble.zeroCostScores: Expected a safe integer for seed but received ${opts.seed}`);
  }
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 2) {
    throw new ZeroCostError(
      `ensemble.zeroCostScores: Expected an integer >= 2 for batchSize but received ${opts.batchSize}`,
    );
  }
  for (const p of opts.proxies) {
    if (!(ZERO_COST_PROXIES as readonly string[]).includes(p)) {
      throw new ZeroCostError(
        `ensemble.zeroCostScores: Expected proxies from ${ZERO_COST_PROXIES.join(', ')} but received ${JSON.stringify(p)}`,
      );
    }
  }
  const want = new Set<ZeroCostProxy>(opts.proxies);
  const out: Partial<Record<ZeroCostProxy, number>> = {};
  if (want.has('flops') || want.has('params')) {
    const cost = graphCost(graph);
    if (want.has('flops')) out.flops = cost.macs;
    if (want.has('params')) out.params = cost.params;
  }
  const needsNet = opts.proxies.some((p) => p !== 'flops' && p !== 'params');
  if (!needsNet) return out;

  const backend = tf.getBackend();
  const needsGradients = opts.proxies.some((p) => p !== 'flops' && p !== 'params' && p !== 'naswot');
  if (needsGradients && !tf.getKernel('Conv2DBackpropFilter', backend)) {
    throw new ZeroCostError(
      `ensemble.zeroCostScores: the tfjs backend '${backend}' has no Conv2DBackpropFilter kernel (gradients of convolutions); use the cpu backend (CGNAS_TF_BACKEND=cpu+native or cpu)`,
    );
  }
  if (opts.inputs !== 'gaussian' && opts.inputs !== 'natural') {
    throw new ZeroCostError(
      `ensemble.zeroCostScores: Expected 'gaussian' or 'natural' for inputs but received ${JSON.stringify(opts.inputs)}`,
    );
  }
  if (opts.init !== 'kaiming-normal' && opts.init !== 'pytorch') {
    throw new ZeroCostError(
      `ensemble.zeroCostScores: Expected 'kaiming-normal' or 'pytorch' for init but received ${JSON.stringify(opts.init)}`,
    );
  }
  const net = new CgNetwork(graph, opts.seed, opts.init);
  try {
    const [h, w, c] = net.inputShape;
    const b = opts.batchSize;
    const rng = new Rng(opts.seed).fork(2);
    let xs: Float32Array;
    if (opts.inputs === 'natural') {
      xs = naturalNoise(rng, b, h, w, c);
    } else {
      xs = new Float32Array(b * h * w * c);
      for (let i = 0; i < xs.length; i++) xs[i] = rng.normal();
    }
    const labels = Int32Array.from({ length: b }, () => rng.int(net.classes));

    // Activations reuse the storage of disposed ones: every array read below through dataSync() is
    // consumed while its tensor lives (inside the tidy, or in the gradient callback that receives it).
    withFloat32Recycling(() => {
      if (want.has('synflow')) out.synflow = synflow(net);
      if (want.has('jacov')) out.jacov = jacov(net, xs, b);
      if (want.has('snip') || want.has('grad_norm') || want.has('fisher') || want.has('naswot')) {
        Object.assign(out, lossProxies(net, xs, labels, b, want));
      }
    });
  } finally {
    net.dispose();
  }
  return out;
}

function input(net: CgNetwork, xs: Float32Array, b: number): tf.Tensor4D {
  const [h, w, c] = net.inputShape;
  return tf.tensor4d(xs, [b, h, w, c]);
}

function synflow(net: CgNetwork): number {
  return tf.tidy(() => {
    const [h, w, c] = net.inputShape;
    const ones = tf.ones([1, h, w, c]) as tf.Tensor4D;
    const live = net.liveLayers;
    if (live.length === 0) return -Infinity; // no weight reaches the output: R is constant
    const abs = net.weights.map((t) => tf.abs(t));
    let logScale = 0;
    const grads = tf.grads((...ws: tf.Tensor[]) => {
      const weights = [...abs];
      for (const [i, l] of live.entries()) weights[l] = ws[i]!;
      const r = net.forward(ones, { bn: false, weights, rescale: net.homogeneous });
      logScale = r.logScale;
      return tf.sum(r.logits);
    })(live.map((l) => abs[l]!));
    let score = 0;
    for (const [i, g] of grads.entries()) score += tf.sum(tf.mul(abs[live[i]!]!, g)).dataSync()[0]!;
    return Math.log(score) - logScale;
  });
}

function jacov(net: CgNetwork, xs: Float32Array, b: number): number {
  if (!net.outputDependsOnInput) return NaN; // a zero Jacobian has no correlation
  return tf.tidy(() => {
    const g = tf.grad((x: tf.Tensor) => tf.sum(net.forward(x as tf.Tensor4D, { bn: true }).logits))(input(net, xs, b));
    return jacovScore(g.dataSync(), b, g.size / b);
  });
}

function lossProxies(
  net: CgNetwork,
  xs: Float32Array,
  labels: Int32Array,
  b: number,
  want: ReadonlySet<ZeroCostProxy>,
): Partial<Record<ZeroCostProxy, number>> {
  const out: Partial<Record<ZeroCostProxy, number>> = {};
  const gradients = want.has('snip') || want.has('grad_norm') || want.has('fisher');
  const kernel = want.has('naswot') ? new NaswotKernel(b) : null;
  const onReluInput = kernel
    ? (_node: number, v: Float32Array | null, perSample: number, copies: number): void =>
        kernel.add(v, perSample, copies)
    : undefined;
  const live = net.liveLayers;
  tf.tidy(() => {
    const x = input(net, xs, b);
    if (!gradients || live.length === 0) {
      net.forward(x, { bn: true, ...(onReluInput ? { onReluInput } : {}) });
      return;
    }
    const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), net.classes);
    const fisher = want.has('fisher');
    // fisher's per-layer term, computed as each layer's gradient arrives with the layer's output.
    const fisherTerms: number[] = [];
    const fisherTerm = (l: number, g: Float32Array, a: Float32Array): void => {
      const layer = net.layers[l]!;
      const node = net.graph.nodes[layer.node]!;
      const size = layer.shape.reduce((p, d) => p * d, 1);
      fisherTerms[l] = (size / node.outC) * fisherOfLayer(a, g, b, node.outH * node.outW, node.outC);
    };
    // Layers that do not reach the loss have zero gradient (and zero fisher): tfjs only differentiates
    // with respect to weights the loss depends on.
    const grads = tf.grads((...ws: tf.Tensor[]) => {
      const weights = [...net.weights];
      for (const [i, l] of live.entries()) weights[l] = ws[i]!;
      const r = net.forward(x, {
        bn: true,
        weights,
        ...(fisher ? { onLayerGrad: fisherTerm } : {}),
        ...(onReluInput ? { onReluInput } : {}),
      });
      return tf.losses.softmaxCrossEntropy(oneHot, r.logits);
    })(live.map((l) => net.weights[l]!));
    let snip = 0;
    let gradNorm = 0;
    for (const [i, gt] of grads.entries()) {
      const g = gt.dataSync();
      const w = net.weights[live[i]!]!.dataSync();
      let sq = 0;
      for (let j = 0; j < g.length; j++) {
        snip += Math.abs(w[j]! * g[j]!);
        sq += g[j]! * g[j]!;
      }
      gradNorm += Math.sqrt(sq);
    }
    if (want.has('snip')) out.snip = snip;
    if (want.has('grad_norm')) out.grad_norm = gradNorm;
    if (fisher) {
      let total = 0;
      // A layer fed only zeros has zero activations and no term.
      for (const l of live) total += fisherTerms[l] ?? 0;
      out.fisher = total;
    }
  });
  if (kernel) out.naswot = logDeterminant(kernel.matrix, b);
  return out;
}

/**
 * Σ_c ½·mean_b(Σ_hw a·g)² for one layer's output a and its gradient g, both [B, HW, C]. Four channels at a
 * time in scalar accumulators (V8 keeps them in registers; a Float64Array accumulator costs a load and a
 * store per element); each channel still sums over hw in order.
 */
function fisherOfLayer(a: Float32Array, g: Float32Array, b: number, hw: number, c: number): number {
  let total = 0;
  for (let n = 0; n < b; n++) {
    const base = n * hw * c;
    const end = base + hw * c;
    let j = 0;
    for (; j + 4 <= c; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let o = base + j; o < end; o += c) {
        s0 += a[o]! * g[o]!;
        s1 += a[o + 1]! * g[o + 1]!;
        s2 += a[o + 2]! * g[o + 2]!;
        s3 += a[o + 3]! * g[o + 3]!;
      }
      total += s0 * s0;
      total += s1 * s1;
      total += s2 * s2;
      total += s3 * s3;
    }
    for (; j < c; j++) {
      let s = 0;
      for (let o = base + j; o < end; o += c) s += a[o]! * g[o]!;
      total += s * s;
    }
  }
  return (0.5 * total) / b;
}

/**
 * NASWOT's kernel K = Σ_ReLU (c cᵀ + (1−c)(1−c)ᵀ): entry (i, j) adds the number of units on which samples
 * i and j agree (both active or both inactive), i.e. D − Hamming(c_i, c_j), computed on packed bits.
 */
class NaswotKernel {
  readonly matrix: Float64Array;

  constructor(private readonly b: number) {
    this.matrix = new Float64Array(b * b);
  }

  /**
   * `copies` ReLUs with the same inputs [B, perSample], or null for an all-zero input (every sample
   * agrees everywhere).
   */
  add(values: Float32Array | null, perSample: number, copies: number): void {
    const b = this.b;
    const d = perSample;
    if (values === null) {
      for (let i = 0; i < b * b; i++) this.matrix[i]! += d * copies;
      return;
    }
    const words = Math.ceil(d / 32);
    const codes = new Uint32Array(b * words);
    for (let n = 0; n < b; n++) {
      const base = n * d;
      for (let word = 0; word < words; word++) {
        const start = base + word * 32;
        const end = Math.min(start + 32, base + d);
        // Branch-free: the signs are random, a branch would mispredict half the time.
        let bits = 0;
        for (let k = start; k < end; k++) bits |= +(values[k]! > 0) << (k - start);
        codes[n * words + word] = bits;
      }
    }
    for (let i = 0; i < b; i++) {
      for (let j = i; j < b; j++) {
        let hamming = 0;
        for (let k = 0; k < words; k++) hamming += popcount(codes[i * words + k]! ^ codes[j * words + k]!);
        const agree = (d - hamming) * copies;
        this.matrix[i * b + j]! += agree;
        if (j !== i) this.matrix[j * b + i]! += agree;
      }
    }
  }
}

function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
