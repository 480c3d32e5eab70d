// Rows of the encoder's categorical embedding table (GENNAPE, Mills et al. 2023, §3.2): one per op
// type, one per kernel height and per kernel width of weighted ops, and one for "has a bias". A node
// sums the rows it uses, so the table is the op embedding and the kernel/bias embeddings in one.
import { OP_TYPES } from '@cgnas/cg-core';

/** Kernel sizes 1..15 get their own row; larger kernels share the last one. */
const KERNEL_SIZES = 16;

export interface NodeVocabulary {
  /** Rows in the table. */
  readonly rows: number;
  /** Categorical columns per node: [op, kernelH, kernelW, bias]. */
  readonly cols: number;
  readonly opBase: number;
  readonly kernelHBase: number;
  readonly kernelWBase: number;
  readonly biasRow: number;
  readonly kernelSizes: number;
}

export const NODE_VOCABULARY: NodeVocabulary = {
  rows: OP_TYPES.length + 2 * KERNEL_SIZES + 1,
  cols: 4,
  opBase: 0,
  kernelHBase: OP_TYPES.length,
  kernelWBase: OP_TYPES.length + KERNEL_SIZES,
  biasRow: OP_TYPES.length + 2 * KERNEL_SIZES,
  kernelSizes: KERNEL_SIZES,
};
