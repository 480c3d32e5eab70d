// @cgnas/native: the C++ engine behind cgnas, with a JS twin for every kernel.
export type { NativeBinding, NativeInfo } from './binding-types.js';
export { EXPECTED_NATIVE_ABI } from './binding-types.js';
export { NativeInputError, NativeUnavailableError, type LoadAttempt } from './errors.js';
export {
  DEFAULT_BINARY_PATH,
  getBinding,
  hasNative,
  loadBinding,
  nativeStatus,
  requireBinding,
  setBindingForTesting,
  type NativeStatus,
} from './load-binding.js';
export type { GemmArgs, KernelBackendName, Kernels, SpmmArgs } from './kernels/kernel-types.js';
export { jsKernels } from './kernels/js-kernels.js';
export { getKernels } from './kernels/kernel-registry.js';
export { gemm, gemmArgs, matmul, type GemmOptions } from './ops/gemm.js';
export { csrFromEdges, spmm, type Csr } from './ops/spmm.js';
export { getThreads, setThreads } from './threads.js';
export { Rng } from './random/rng.js';
