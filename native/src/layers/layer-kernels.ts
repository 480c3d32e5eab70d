// The contract of the layer kernels the zero-cost proxies' networks run outside tfjs's own cpu kernels:
// BatchNorm in training mode at initialisation (Ioffe & Szegedy 2015, §3), ReLU, and average pooling
// that divides by the in-bounds taps (PyTorch count_include_pad=False), each with its gradient.
// NHWC float32. Implemented by the C++ engine (native/cpp/batch_norm_train.cc, relu.cc, avg_pool.cc) and
// by a JS twin.

/** Which implementation runs the layer kernels. */
export type LayerBackendName = 'native' | 'js';

/** BatchNorm over `rows` rows of `channels` values (an NHWC tensor flattened to [N·H·W, C]). */
export interface BatchNormTrainForwardArgs {
  readonly rows: number;
  readonly channels: number;
  readonly epsilon: number;
  readonly x: Float32Array;
  /** Output x̂ = (x − mean) / sqrt(var + ε), per channel, biased variance. */
  readonly y: Float32Array;
  /** Output, length channels: 1 / sqrt(var + ε), which the backward pass needs. */
  readonly invStd: Float64Array;
}

export interface BatchNormTrainBackwardArgs {
  readonly rows: number;
  readonly channels: number;
  /** The forward output x̂. */
  readonly y: Float32Array;
  readonly invStd: Float64Array;
  readonly dy: Float32Array;
  /** Output: invStd · (dy − mean(dy) − x̂ · mean(dy · x̂)), means over the rows. */
  readonly dx: Float32Array;
}

/** An NHWC pooling window: input [n, h, w, c] → output [n, outH, outW, c]. */
export interface PoolGeometry {
  readonly n: number;
  readonly h: number;
  readonly w: number;
  readonly c: number;
  readonly kh: number;
  readonly kw: number;
  readonly strideH: number;
  readonly strideW: number;
  /** Zero padding before the first row / column (the window is clipped to the input). */
  readonly padTop: number;
  readonly padLeft: number;
  readonly outH: number;
  readonly outW: number;
}

export interface AvgPoolForwardArgs extends PoolGeometry {
  readonly x: Float32Array;
  /** Output: the mean of the in-bounds taps of each window. */
  readonly y: Float32Array;
}

export interface AvgPoolBackwardArgs extends PoolGeometry {
  readonly dy: Float32Array;
  /** Output, overwritten: the gradient with respect to x. */
  readonly dx: Float32Array;
}

export interface LayerKernels {
  readonly backend: LayerBackendName;
  batchNormTrainForward(args: BatchNormTrainForwardArgs): void;
  batchNormTrainBackward(args: BatchNormTrainBackwardArgs): void;
  /** y = max(x, 0), same length. */
  reluForward(x: Float32Array, y: Float32Array): void;
  /** dx = dy · [y > 0] with y the forward output, same length. */
  reluBackward(y: Float32Array, dy: Float32Array, dx: Float32Array): void;
  avgPoolForward(args: AvgPoolForwardArgs): void;
  avgPoolBackward(args: AvgPoolBackwardArgs): void;
}
