// @cgnas/ensemble public API: GENNAPE predictor ensemble, ranking metrics and the cross-family transfer protocol.
export { EnsembleInputError, ModelFormatError, UnknownFamilyError } from './errors.js';

// Metrics.
export { averageRanks } from './metrics/average-ranks.js';
export { pearson, spearman } from './metrics/spearman.js';
export { kendallTau } from './metrics/kendall-tau.js';
export { ndcgAtK, NDCG_RELEVANCE_SCALE } from './metrics/ndcg-at-k.js';
export { mae } from './metrics/mae.js';
export { mape } from './metrics/mape.js';
export { precisionAtK } from './metrics/precision-at-k.js';

// Labels, clustering, heads.
export { FlopsLabelTransform, type LabelStats } from './labels/flops-label-transform.js';
export { fuzzyCMeans, FCM_DEFAULTS, type FcmOptions, type FcmResult } from './fcm/fuzzy-c-means.js';
export { fcmMemberships } from './fcm/fcm-memberships.js';
export { MlpHead, MLP_HEAD_DEFAULTS, type MlpHeadOptions, type MlpHeadState } from './heads/mlp-head.js';

// Predictor.
export type { EncoderFactory, TrainableEncoder } from './predictor/trainable-encoder.js';
export { CG_FEATURE_NAMES, CG_FEATURE_WIDTH, cgFeatureVector } from './predictor/cg-feature-vector.js';
export {
  FEATURE_ENCODER_DEFAULTS,
  FeatureEncoder,
  featureEncoderFactory,
  type FeatureEncoderOptions,
} from './predictor/feature-encoder.js';
export {
  MEMBER_KINDS,
  type EnsembleMember,
  type LabelledSet,
  type MemberKind,
  type MemberTraining,
} from './predictor/ensemble-member.js';
export { rankAverage } from './predictor/rank-average.js';
export {
  GENNAPE_ENSEMBLE_DEFAULTS,
  GennapeEnsemble,
  type EnsemblePrediction,
  type EnsembleProgress,
  type GennapeEnsembleOptions,
  type GennapeEnsembleState,
} from './predictor/gennape-ensemble.js';

// Transfer protocol.
export { FAMILY_NAMES, parseFamilyName, type FamilyName } from './transfer/family-name.js';
export type { FamilyNetwork } from './transfer/family-network.js';
export { MIN_FINETUNE_SIZE, parseFinetuneSizes } from './transfer/finetune-sizes.js';
export { LOAD_FAMILY_DEFAULTS, loadFamily, type LoadFamilyOptions } from './transfer/load-family.js';
export {
  TRANSFER_DEFAULTS,
  runTransfer,
  type TransferData,
  type TransferOptions,
  type TransferOptionsInput,
  type TransferProgress,
  type TransferResult,
  type TransferRow,
  type TransferScatter,
} from './transfer/transfer-protocol.js';
export {
  CG_ENCODER_KINDS,
  DEFAULT_CG_ENCODER,
  cgEncoderFactory,
  encoderTrainingDefaults,
  type CgEncoderFactoryOptions,
  type EncoderTrainingDefaults,
  type CgEncoderKind,
} from './predictor/cg-encoder-factory.js';
export { KgnnEncoder, type KgnnEncoderState } from './predictor/kgnn-encoder.js';
export {
  KGNN_FACTORY_DEFAULTS,
  kgnnEncoderFactory,
  pretrainCorpusOf,
  type KgnnFactoryOptions,
} from './predictor/kgnn-encoder-factory.js';
export { ConcatEncoder, concatEncoderFactory } from './predictor/concat-encoder.js';
export {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  loadModel,
  readModelManifest,
  saveModel,
  type ModelManifest,
  type SaveModelOptions,
} from './persist/model-directory.js';
export {
  BENCHMARK_TRANSFER_DATA_DEFAULTS,
  benchmarkTransferData,
  type BenchmarkTransferDataOptions,
} from './transfer/benchmark-transfer-data.js';
// Zero-cost proxies on CG-instantiated networks.
export {
  ZERO_COST_DEFAULTS,
  ZERO_COST_PROXIES,
  zeroCostScores,
  type ZeroCostOptions,
  type ZeroCostProxy,
} from './zero-cost/zero-cost-scores.js';
export { CgNetwork, type CgForwardOptions, type CgForwardResult, type CgLayer } from './zero-cost/cg-network.js';
export { jacovScore } from './zero-cost/jacov-score.js';
export { logDeterminant } from './zero-cost/log-determinant.js';
export { ZeroCostError } from './zero-cost/zero-cost-error.js';
