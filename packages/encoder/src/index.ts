// @cgnas/encoder: a k-GNN over Computation Graphs on native kernels, pretrained by contrastive learning.
export { EncoderFormatError, EncoderInputError, EncoderStateError } from './errors.js';
export { NODE_VOCABULARY, type NodeVocabulary } from './batch/node-vocabulary.js';
export { SHAPE_FEATURES, batchGraphs, type GraphBatch } from './batch/graph-batch.js';
export { GRAPH_ENCODER_DEFAULTS, resolveEncoderConfig, type GraphEncoderConfig } from './model/graph-encoder-config.js';
export { GraphEncoder, type EncodeOptions, type NamedWeights } from './model/graph-encoder.js';
export { MlpHead, type MlpActivation, type MlpHeadConfig } from './model/mlp-head.js';
export { clippedStep } from './model/clipped-step.js';
export { FUSED_ADAM_DEFAULTS, FusedAdam, type AdamSlot, type FusedAdamConfig } from './model/fused-adam.js';
export {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  readModelDir,
  writeModelDir,
  type ModelDirContents,
} from './persistence/model-dir.js';
export { loadEncoder, saveEncoder } from './persistence/save-encoder.js';
export { PRETRAIN_FAMILIES, familySampler, type FamilySampler } from './pretrain/family-samplers.js';
export {
  buildPretrainCorpus,
  type CorpusItem,
  type PretrainCorpus,
  type PretrainCorpusOptions,
} from './pretrain/pretrain-corpus.js';
export { spectralWeights } from './pretrain/spectral-weights.js';
export { contrastiveLoss } from './pretrain/contrastive-loss.js';
export {
  PRETRAIN_DEFAULTS,
  pretrainEncoder,
  type PretrainOptions,
  type PretrainProgress,
  type PretrainResult,
  type PretrainVariant,
} from './pretrain/pretrain-encoder.js';
export { graphFromRecord } from './embed/graph-from-record.js';
