// The kernel contract shared by the C++ engine and its JS twin. Arguments are already validated
// by the public ops (ops/*.ts); kernels only compute.

/** C = alpha * op(A) * op(B) + beta * C, row-major float32; op(A) is m x k, op(B) is k x n. */
export interface GemmArgs {
  readonly transA: boolean;
  readonly transB: boolean;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly alpha: number;
  readonly a: Float32Array;
  readonly lda: number;
  readonly b: Float32Array;
  readonly ldb: number;
  readonly beta: number;
  readonly c: Float32Array;
  readonly ldc: number;
}

/** Y[i,:] = (accumulate ? Y[i,:] : 0) + sum over CSR row i of w * X[col,:]. */
export interface SpmmArgs {
  readonly rows: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly weights: Float32Array | null;
  readonly x: Float32Array;
  readonly xRows: number;
  readonly features: number;
  readonly y: Float32Array;
  readonly accumulate: boolean;
}

export type KernelBackendName = 'native' | 'js';

export interface Kernels {
  readonly backend: KernelBackendName;
  gemm(args: GemmArgs): void;
  spmm(args: SpmmArgs): void;
  /** Writes the out.length (≤ n) smallest eigenvalues of the symmetric n×n row-major `a` (overwritten). */
  symmetricEigenvalues(a: Float64Array, n: number, out: Float64Array): void;
}
