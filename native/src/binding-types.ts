// The raw addon, typed once. Only load-binding.ts touches it; everything else goes through the
// kernel table (kernels.ts), which validates inputs before any pointer reaches C++.

export interface NativeInfo {
  /** SIMD level the addon was compiled for, e.g. "avx512", "avx2+fma". */
  readonly simd: string;
  readonly threads: number;
  readonly hardwareThreads: number;
  readonly compiler: string;
  /** Bumped when a kernel signature changes, so a stale binary is refused instead of misused. */
  readonly abi: number;
  readonly kernels: readonly string[];
}

export interface NativeBinding {
  info(): NativeInfo;
  setThreads(threads: number): number;
  getThreads(): number;
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: Float32Array,
    lda: number,
    b: Float32Array,
    ldb: number,
    beta: number,
    c: Float32Array,
    ldc: number,
  ): void;
  spmm(
    rows: number,
    rowPtr: Int32Array,
    colIdx: Int32Array,
    weights: Float32Array | null,
    x: Float32Array,
    xRows: number,
    features: number,
    y: Float32Array,
    accumulate: boolean,
  ): void;
  /** native/cpp/symmetric_eigen.cc: out.length (≤ n) smallest eigenvalues of the symmetric n×n `a` (overwritten). */
  symmetricEigenvalues(a: Float64Array, n: number, out: Float64Array): void;
  // NHWC convolutions (native/cpp/conv.cc). geometry: Int32Array [n, h, w, c, kh, kw, outC, strideH,
  // strideW, dilH, dilW, padTop, padLeft, outH, outW]; filters in TensorFlow layout.
  conv2d(geometry: Int32Array, x: Float32Array, filter: Float32Array, y: Float32Array): void;
  conv2dBackpropInput(geometry: Int32Array, dy: Float32Array, filter: Float32Array, dx: Float32Array): void;
  conv2dBackpropFilter(geometry: Int32Array, x: Float32Array, dy: Float32Array, dfilter: Float32Array): void;
  depthwiseConv2d(geometry: Int32Array, x: Float32Array, filter: Float32Array, y: Float32Array): void;
  depthwiseConv2dBackpropInput(geometry: Int32Array, dy: Float32Array, filter: Float32Array, dx: Float32Array): void;
  depthwiseConv2dBackpropFilter(geometry: Int32Array, x: Float32Array, dy: Float32Array, dfilter: Float32Array): void;
  // Fused k-GNN GraphConv and encoder stack (native/cpp/graph_conv.cc); dims are Int32Array
  // [n, fin, fout] for a layer and [n, graphs, width, layers, embedRows, embedCols, shapeDim] for the encoder.
  graphConvForward(
    dims: Int32Array,
    predPtr: Int32Array,
    predIdx: Int32Array,
    x: Float32Array,
    params: Float32Array,
    y: Float32Array,
  ): void;
  graphConvBackward(
    dims: Int32Array,
    predPtr: Int32Array,
    predIdx: Int32Array,
    succPtr: Int32Array,
    succIdx: Int32Array,
    x: Float32Array,
    params: Float32Array,
    y: Float32Array,
    dy: Float32Array,
    dx: Float32Array | null,
    dparams: Float32Array,
  ): void;
  graphEncoderForward(
    dims: Int32Array,
    predPtr: Int32Array,
    predIdx: Int32Array,
    graphOffsets: Int32Array,
    embedIdx: Int32Array,
    shape: Float32Array,
    table: Float32Array,
    proj: Float32Array,
    convs: Float32Array,
    masks: Float32Array | null,
    acts: Float32Array,
    pooled: Float32Array,
  ): void;
  graphEncoderBackward(
    dims: Int32Array,
    predPtr: Int32Array,
    predIdx: Int32Array,
    succPtr: Int32Array,
    succIdx: Int32Array,
    graphOffsets: Int32Array,
    embedIdx: Int32Array,
    shape: Float32Array,
    convs: Float32Array,
    masks: Float32Array | null,
    acts: Float32Array,
    dPooled: Float32Array,
    dTable: Float32Array,
    dProj: Float32Array,
    dConvs: Float32Array,
  ): void;
  // Layers of the zero-cost proxies' networks (native/cpp/batch_norm_train.cc, relu.cc, avg_pool.cc;
  // contract in layers/layer-kernels.ts). Pool geometry: Int32Array [n, h, w, c, kh, kw, strideH, strideW,
  // padTop, padLeft, outH, outW].
  batchNormTrainForward(
    rows: number,
    channels: number,
    epsilon: number,
    x: Float32Array,
    y: Float32Array,
    invStd: Float64Array,
  ): void;
  batchNormTrainBackward(
    rows: number,
    channels: number,
    y: Float32Array,
    invStd: Float64Array,
    dy: Float32Array,
    dx: Float32Array,
  ): void;
  reluForward(x: Float32Array, y: Float32Array): void;
  reluBackward(y: Float32Array, dy: Float32Array, dx: Float32Array): void;
  avgPoolForward(geometry: Int32Array, x: Float32Array, y: Float32Array): void;
  avgPoolBackward(geometry: Int32Array, dy: Float32Array, dx: Float32Array): void;
  /** out = a op b (op 0 add, 1 sub, 2 mul); a and b have out's length or length 1. */
  elementwise(op: 0 | 1 | 2, a: Float32Array, b: Float32Array, out: Float32Array): void;
  unsortedSegmentSum(
    x: Float32Array,
    segmentIds: Int32Array,
    rows: number,
    inner: number,
    numSegments: number,
    out: Float32Array,
  ): void;
  // Ising sweeps (native/cpp/ising_sweep.cc, contract in samplers/ising-sweep-types.ts).
  isingSweep(
    n: number,
    offsets: Int32Array,
    indices: Int32Array,
    weights: Float32Array,
    h: Float32Array,
    chains: number,
    slices: number,
    state: Int8Array,
    a: Float64Array,
    b: Float64Array,
    chainScale: Float32Array | null,
    order: Int32Array | null,
    metropolis: boolean,
    seed: number,
    cancel: Int32Array | null,
  ): Promise<{ ns: number; cpuNs: number; sweepsDone: number }>;
  /** Writes the sweep kernel's fast 2^x of each x into out (accuracy tests). */
  isingExpSelfTest(x: Float32Array, out: Float32Array): void;
  /** Exact enumeration (native/cpp/ising_enumerate.cc): out = [log Z, ⟨s_i⟩ (n), ⟨s_i s_j⟩ (m)]. */
  isingEnumerate(
    n: number,
    offsets: Int32Array,
    indices: Int32Array,
    csrEdge: Int32Array,
    J: Float64Array,
    h: Float64Array,
    edgeI: Int32Array,
    edgeJ: Int32Array,
    out: Float64Array,
    lowSpins?: number,
  ): void;
}

/** ABI version this loader expects (see NativeInfo.abi). */
export const EXPECTED_NATIVE_ABI = 1;

/** Kernels the loader requires before it accepts a binary. */
export const REQUIRED_NATIVE_KERNELS: readonly string[] = [
  'gemm',
  'spmm',
  'symmetricEigenvalues',
  'setThreads',
  'getThreads',
  'conv2d',
  'conv2dBackpropInput',
  'conv2dBackpropFilter',
  'depthwiseConv2d',
  'depthwiseConv2dBackpropInput',
  'depthwiseConv2dBackpropFilter',
  'unsortedSegmentSum',
  'batchNormTrainForward',
  'batchNormTrainBackward',
  'reluForward',
  'reluBackward',
  'avgPoolForward',
  'avgPoolBackward',
  'graphConvForward',
  'graphConvBackward',
  'graphEncoderForward',
  'graphEncoderBackward',
  'isingSweep',
  'isingExpSelfTest',
  'isingEnumerate',
];
