// @cgnas/native/tf: the one place that chooses TensorFlow.js's backend.
export {
  CPU_NATIVE,
  TF_BACKENDS,
  TfBackendError,
  resetTfBackendChoiceForTesting,
  selectTfBackend,
  tf,
  type TfBackendChoice,
  type TfBackendName,
} from './select-tf-backend.js';
export {
  NATIVE_TF_KERNELS,
  nativeTfKernelsRegistered,
  registerNativeTfKernels,
  unregisterNativeTfKernels,
  type NativeTfKernelName,
} from './register-native-kernels.js';
export {
  clearFloat32Pool,
  setFloat32RecyclingForTesting,
  takeFloat32,
  withFloat32Recycling,
  type Float32RecyclingMode,
} from './float32-recycling.js';
