// The GENNAPE k-GNN encoder over Computation Graphs (Mills et al. 2023; GraphConv of Morris et al.
// AAAI 2019), its whole forward and backward one fused native call (or the JS twin) wired into
// TensorFlow.js with tf.customGrad, so tfjs optimisers and heads train it like any other layer.
import {
  getGraphConvKernels,
  graphEncoderBackward,
  graphEncoderForward,
  Rng,
  type GraphConvKernels,
} from '@cgnas/native';
import { tf } from '@cgnas/native/tf';

import { SHAPE_FEATURES, type GraphBatch } from '../batch/graph-batch.js';
import { NODE_VOCABULARY } from '../batch/node-vocabulary.js';
import { EncoderInputError, EncoderStateError } from '../errors.js';
import { resolveEncoderConfig, type GraphEncoderConfig } from './graph-encoder-config.js';

/** A named weight array, as saved to disk. */
export interface NamedWeights {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

export interface EncodeOptions {
  /** Applies dropout (when config.dropout > 0). Default false. */
  readonly training?: boolean;
  /** Draws the dropout masks; required when training with dropout. */
  readonly rng?: Rng;
}

function float32Of(t: tf.Tensor): Float32Array {
  const data = t.dataSync();
  if (!(data instanceof Float32Array))
    throw new EncoderStateError(`encoder.GraphEncoder: Expected float32 weights but received ${t.dtype}`);
  return data;
}

/**
 * k-GNN encoder (GENNAPE):
 *
 *   x⁰_i = E_op[op_i] + [weighted] (E_kh[kh_i] + E_kw[kw_i] + bias_i·e_bias) + P s_i + p
 *   xˡ⁺¹_i = tanh(W1ˡ xˡ_i + W2ˡ Σ_{j→i} xˡ_j + bˡ)            (GraphConv, l = 0 … layers−1)
 *   h_g = mean_{i ∈ g} x^L_i
 *
 * s_i are the 6 shape features [H_in/256, H_out/256, W_in/256, W_out/256, C_in/512, C_out/512].
 * Options (GRAPH_ENCODER_DEFAULTS): layers 6, width 32, dropout 0 (on each layer's input while
 * training), seed 0. Shapes (PyG style): batch of B graphs with N nodes in all → output [B, width].
 * Weights, as tfjs Variables: `table` [NODE_VOCABULARY.rows, width], `proj` [7, width] (P then p),
 * `convs` [layers, 2·width + 1, width] (W1ᵀ, W2ᵀ, b per layer). Call dispose() when done.
 */
export class GraphEncoder {
  readonly config: GraphEncoderConfig;
  readonly table: tf.Variable;
  readonly proj: tf.Variable;
  readonly convs: tf.Variable;
  private readonly kernels: GraphConvKernels;
  private readonly pool: Float32Array[] = [];
  private disposed = false;

  constructor(config: Partial<GraphEncoderConfig> = {}, options: { kernels?: GraphConvKernels } = {}) {
    this.config = resolveEncoderConfig(config);
    this.kernels = options.kernels ?? getGraphConvKernels();
    const { width: F, layers: L } = this.config;
    const rng = new Rng(this.config.seed);
    // torch.nn.Embedding: N(0, 1); torch.nn.Linear: U(±1/√fan_in) for weights and biases.
    const table = new Float32Array(NODE_VOCABULARY.rows * F).map(() => rng.normal());
    const uniform = (n: number, fanIn: number): Float32Array => {
      const a = 1 / Math.sqrt(fanIn);
      return new Float32Array(n).map(() => rng.uniform(-a, a));
    };
    const proj = uniform((SHAPE_FEATURES + 1) * F, SHAPE_FEATURES);
    const convs = uniform(L * (2 * F + 1) * F, F);
    // tidy frees the initial tensors; the variables keep the data.
    [this.table, this.proj, this.convs] = tf.tidy(() => [
      tf.variable(tf.tensor2d(table, [NODE_VOCABULARY.rows, F]), true),
      tf.variable(tf.tensor2d(proj, [SHAPE_FEATURES + 1, F]), true),
      tf.variable(tf.tensor3d(convs, [L, 2 * F + 1, F]), true),
    ]);
  }

  /** Which kernels run the graph part: 'native' or 'js'. */
  get backend(): GraphConvKernels['backend'] {
    return this.kernels.backend;
  }

  variables(): tf.Variable[] {
    this.assertLive();
    return [this.table, this.proj, this.convs];
  }

  /** Graph embeddings [numGraphs, width]; differentiable with respect to the variables. */
  encode(batch: GraphBatch, options: EncodeOptions = {}): tf.Tensor2D {
    this.assertLive();
    const { width: F, layers: L, dropout } = this.config;
    const n = batch.numNodes;
    const B = batch.numGraphs;
    if (batch.embedIdx.length !== n * NODE_VOCABULARY.cols) {
      throw new EncoderInputError(
        `encoder.GraphEncoder.encode: Expected a GraphBatch from batchGraphs() but its embedIdx has ${batch.embedIdx.length} entries for ${n} nodes`,
      );
    }
    let masks: Float32Array | null = null;
    if (options.training === true && dropout > 0) {
      if (!options.rng) {
        throw new EncoderInputError(
          'encoder.GraphEncoder.encode: Expected an rng when training with dropout but received none',
        );
      }
      masks = dropoutMasks(L * n * F, dropout, options.rng);
    }
    const kernels = this.kernels;
    const dims = {
      n,
      graphs: B,
      width: F,
      layers: L,
      embedRows: NODE_VOCABULARY.rows,
      embedCols: NODE_VOCABULARY.cols,
      shapeDim: SHAPE_FEATURES,
    };
    const forward = (table: tf.Tensor, proj: tf.Tensor, convs: tf.Tensor, acts: Float32Array): Float32Array => {
      const pooled = new Float32Array(B * F);
      graphEncoderForward(
        {
          ...dims,
          predPtr: batch.predPtr,
          predIdx: batch.predIdx,
          graphOffsets: batch.graphOffsets,
          embedIdx: batch.embedIdx,
          shape: batch.shape,
          table: float32Of(table),
          proj: float32Of(proj),
          convs: float32Of(convs),
          masks,
          acts,
          pooled,
        },
        kernels,
      );
      return pooled;
    };
    const actsSize = (L + 1) * n * F;
    if (tf.engine().state.gradientDepth === 0) {
      // No gradient tape: nothing will call the backward, so the activations buffer is reused at once.
      const acts = this.takeBuffer(actsSize);
      const pooled = forward(this.table, this.proj, this.convs, acts);
      this.releaseBuffer(acts);
      return tf.tensor2d(pooled, [B, F]);
    }
    const op = tf.customGrad((...args: unknown[]) => {
      const [table, proj, convs] = args as [tf.Tensor, tf.Tensor, tf.Tensor];
      const convValues = float32Of(convs);
      // Activations live from the forward to the backward; a pool avoids a multi-MB allocation
      // (and the GC work behind it) on every step.
      const acts = this.takeBuffer(actsSize);
      const pooled = forward(table, proj, convs, acts);
      return {
        value: tf.tensor2d(pooled, [B, F]),
        gradFunc: (dy: tf.Tensor | tf.Tensor[]) => {
          const dPooled = float32Of(Array.isArray(dy) ? dy[0]! : dy);
          const dTable = new Float32Array(table.size);
          const dProj = new Float32Array(proj.size);
          const dConvs = new Float32Array(convs.size);
          graphEncoderBackward(
            {
              ...dims,
              predPtr: batch.predPtr,
              predIdx: batch.predIdx,
              succPtr: batch.succPtr,
              succIdx: batch.succIdx,
              graphOffsets: batch.graphOffsets,
              embedIdx: batch.embedIdx,
              shape: batch.shape,
              convs: convValues,
              masks,
              acts,
              dPooled,
              dTable,
              dProj,
              dConvs,
            },
            kernels,
          );
          this.releaseBuffer(acts);
          return [tf.tensor(dTable, table.shape), tf.tensor(dProj, proj.shape), tf.tensor(dConvs, convs.shape)];
        },
      };
    });
    return op(this.table, this.proj, this.convs) as tf.Tensor2D;
  }

  /** Embeddings as plain arrays (inference, no dropout, nothing left on the tfjs side). */
  embed(batch: GraphBatch): Float32Array[] {
    const pooled = this.encode(batch);
    const values = pooled.dataSync().slice();
    pooled.dispose();
    const F = this.config.width;
    return Array.from({ length: batch.numGraphs }, (_, g) => Float32Array.from(values.subarray(g * F, (g + 1) * F)));
  }

  getWeights(): NamedWeights[] {
    this.assertLive();
    return [
      { name: 'table', shape: this.table.shape, values: float32Of(this.table).slice() },
      { name: 'proj', shape: this.proj.shape, values: float32Of(this.proj).slice() },
      { name: 'convs', shape: this.convs.shape, values: float32Of(this.convs).slice() },
    ];
  }

  setWeights(weights: readonly NamedWeights[]): void {
    this.assertLive();
    for (const v of this.variables()) {
      const w = weights.find((x) => x.name === nameOf(this, v));
      if (!w || w.values.length !== v.size || w.shape.join(',') !== v.shape.join(',')) {
        throw new EncoderInputError(
          `encoder.GraphEncoder.setWeights: Expected weights ${nameOf(this, v)} of shape [${v.shape.join(', ')}] but received ${
            w ? `[${w.shape.join(', ')}]` : 'none'
          }`,
        );
      }
      const t = tf.tensor(w.values, v.shape);
      v.assign(t);
      t.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pool.length = 0;
    this.table.dispose();
    this.proj.dispose();
    this.convs.dispose();
  }

  /** A buffer of at least `size` floats from the pool (contents undefined). */
  private takeBuffer(size: number): Float32Array {
    const i = this.pool.findIndex((b) => b.length >= size);
    if (i >= 0) return this.pool.splice(i, 1)[0]!;
    return new Float32Array(size);
  }

  private releaseBuffer(buffer: Float32Array): void {
    // A few buffers cover a step (variant B encodes twice before its backward); more is waste.
    if (this.pool.length < 4) this.pool.push(buffer);
  }

  private assertLive(): void {
    if (this.disposed) throw new EncoderStateError('encoder.GraphEncoder: used after dispose(); create a new encoder');
  }
}

function nameOf(encoder: GraphEncoder, v: tf.Variable): string {
  return v === encoder.table ? 'table' : v === encoder.proj ? 'proj' : 'convs';
}

/** Inverted dropout scales (0 or 1/(1−p)), one uint32 draw per entry. */
function dropoutMasks(size: number, p: number, rng: Rng): Float32Array {
  const masks = new Float32Array(size);
  const keep = 1 / (1 - p);
  const threshold = p * 2 ** 32;
  for (let i = 0; i < size; i++) masks[i] = rng.nextUint32() < threshold ? 0 : keep;
  return masks;
}
