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
export { symmetricEigenvalues } from './linalg/symmetric-eigenvalues.js';
export { getThreads, setThreads } from './threads.js';
export { Rng } from './random/rng.js';
export type {
  IsingSweepArgs,
  IsingSweepKernel,
  IsingSweepResult,
  SweepProposal,
} from './samplers/ising-sweep-types.js';
export { getIsingSweep } from './samplers/get-ising-sweep.js';
export { jsIsingSweep } from './samplers/js-ising-sweep.js';
export type {
  GraphConvBackendName,
  GraphConvBackwardArgs,
  GraphConvForwardArgs,
  GraphConvKernels,
  GraphEncoderBackwardArgs,
  GraphEncoderDims,
  GraphEncoderForwardArgs,
} from './graph/graph-conv-kernels.js';
export { jsGraphConvKernels } from './graph/js-graph-conv-kernels.js';
export { getGraphConvKernels } from './graph/get-graph-conv-kernels.js';
export {
  graphConvBackward,
  graphConvForward,
  graphEncoderBackward,
  graphEncoderForward,
} from './graph/graph-conv-ops.js';
export type {
  AvgPoolBackwardArgs,
  AvgPoolForwardArgs,
  BatchNormTrainBackwardArgs,
  BatchNormTrainForwardArgs,
  LayerBackendName,
  LayerKernels,
  PoolGeometry,
} from './layers/layer-kernels.js';
export { jsLayerKernels } from './layers/js-layer-kernels.js';
export { getLayerKernels } from './layers/get-layer-kernels.js';
export {
  avgPoolBackward,
  avgPoolForward,
  batchNormTrainBackward,
  batchNormTrainForward,
  poolGeometry,
  reluBackward,
  reluForward,
} from './layers/layer-ops.js';
export {
  isingEnumerateNative,
  type IsingEnumerateInput,
  type IsingEnumerateOptions,
} from './samplers/ising-enumerate.js';
