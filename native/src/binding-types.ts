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
}

/** ABI version this loader expects (see NativeInfo.abi). */
export const EXPECTED_NATIVE_ABI = 1;

/** Kernels the loader requires before it accepts a binary. */
export const REQUIRED_NATIVE_KERNELS: readonly string[] = ['gemm', 'spmm', 'setThreads', 'getThreads'];
