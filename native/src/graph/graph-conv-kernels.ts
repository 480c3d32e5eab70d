// The contract of the fused graph-convolution kernels (k-GNN GraphConv, Morris et al. AAAI 2019, as
// GENNAPE uses it): one layer y = tanh([x | Σ_{j→i} x_j] [W1; W2] + b), and the whole encoder stack
// (node embedding → layers → per-graph mean pool). Implemented by the C++ engine and by a JS twin.

/** Which implementation runs the graph kernels. */
export type GraphConvBackendName = 'native' | 'js';

/** One GraphConv layer, row-major [nodes × features]. params: (2·fin + 1) × fout = [W1; W2; b]. */
export interface GraphConvForwardArgs {
  readonly n: number;
  readonly fin: number;
  readonly fout: number;
  /** CSR of predecessors: row i lists the sources j of edges j → i. */
  readonly predPtr: Int32Array;
  readonly predIdx: Int32Array;
  readonly x: Float32Array;
  readonly params: Float32Array;
  /** Output, n × fout. */
  readonly y: Float32Array;
}

export interface GraphConvBackwardArgs {
  readonly n: number;
  readonly fin: number;
  readonly fout: number;
  readonly predPtr: Int32Array;
  readonly predIdx: Int32Array;
  /** CSR of successors: row j lists the targets i of edges j → i. */
  readonly succPtr: Int32Array;
  readonly succIdx: Int32Array;
  readonly x: Float32Array;
  readonly params: Float32Array;
  /** The forward output. */
  readonly y: Float32Array;
  readonly dy: Float32Array;
  /** Overwritten with dL/dx (n × fin); null skips it. */
  readonly dx: Float32Array | null;
  /** Overwritten with dL/dparams ((2·fin + 1) × fout). */
  readonly dparams: Float32Array;
}

/** Sizes of the fused encoder. */
export interface GraphEncoderDims {
  /** Nodes in the batch (all graphs). */
  readonly n: number;
  readonly graphs: number;
  readonly width: number;
  readonly layers: number;
  /** Rows of the categorical embedding table. */
  readonly embedRows: number;
  /** Categorical columns per node (indices into the table; < 0 means none). */
  readonly embedCols: number;
  /** Continuous features per node, mapped linearly. */
  readonly shapeDim: number;
}

/**
 * Encoder stack forward. x0_i = Σ_c table[embedIdx_ic] + shape_i · proj[0:shapeDim] + proj[shapeDim];
 * h_{l+1} = GraphConv_l(h_l ⊙ mask_l); pooled_g = mean over the nodes of graph g of h_L.
 */
export interface GraphEncoderForwardArgs extends GraphEncoderDims {
  readonly predPtr: Int32Array;
  readonly predIdx: Int32Array;
  /** graphs + 1 offsets: graph g owns nodes [graphOffsets[g], graphOffsets[g+1]). */
  readonly graphOffsets: Int32Array;
  /** n × embedCols. */
  readonly embedIdx: Int32Array;
  /** n × shapeDim. */
  readonly shape: Float32Array;
  /** embedRows × width. */
  readonly table: Float32Array;
  /** (shapeDim + 1) × width: the linear map, then its bias. */
  readonly proj: Float32Array;
  /** layers × (2·width + 1) × width. */
  readonly convs: Float32Array;
  /** layers × n × width dropout scales (0 or 1/(1−p)), or null for no dropout. */
  readonly masks: Float32Array | null;
  /** Output: (layers + 1) × n × width activations, kept for the backward pass. */
  readonly acts: Float32Array;
  /** Output: graphs × width. */
  readonly pooled: Float32Array;
}

export interface GraphEncoderBackwardArgs extends GraphEncoderDims {
  readonly predPtr: Int32Array;
  readonly predIdx: Int32Array;
  readonly succPtr: Int32Array;
  readonly succIdx: Int32Array;
  readonly graphOffsets: Int32Array;
  readonly embedIdx: Int32Array;
  readonly shape: Float32Array;
  readonly convs: Float32Array;
  readonly masks: Float32Array | null;
  /** The forward's acts. */
  readonly acts: Float32Array;
  readonly dPooled: Float32Array;
  /** Outputs (overwritten). */
  readonly dTable: Float32Array;
  readonly dProj: Float32Array;
  readonly dConvs: Float32Array;
}

export interface GraphConvKernels {
  readonly backend: GraphConvBackendName;
  graphConvForward(args: GraphConvForwardArgs): void;
  graphConvBackward(args: GraphConvBackwardArgs): void;
  graphEncoderForward(args: GraphEncoderForwardArgs): void;
  graphEncoderBackward(args: GraphEncoderBackwardArgs): void;
}
