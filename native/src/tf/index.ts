// @cgnas/native/tf: the one place that chooses TensorFlow.js's backend.
export {
  TF_BACKENDS,
  TfBackendError,
  resetTfBackendChoiceForTesting,
  selectTfBackend,
  tf,
  type TfBackendChoice,
  type TfBackendName,
} from './select-tf-backend.js';
