// @cgnas/hw-profiler: device latency datasets, latency predictors (lookup table, boosted trees, few-shot
// transfer), block friendliness profiling and per-device design-space reduction.
export { HwInputError, MeasurementError, PredictorFileError } from './errors.js';

// Spaces as blocks at positions.
export { HW_SPACES, type BlockArch, type HwSpace, type SpaceEncoding } from './encoding/space-encoding.js';
export { nb201Encoding } from './encoding/nb201-encoding.js';
export { fbnetEncoding } from './encoding/fbnet-encoding.js';
export { ofaBlockArch, ofaMbv3Encoding } from './encoding/ofa-mbv3-encoding.js';
export { encodingFor } from './encoding/encoding-for.js';

// Devices.
export {
  HW_NAS_BENCH_DEVICES,
  deviceDataset,
  listDevices,
  type DeviceDataset,
  type DeviceInfo,
  type DeviceSource,
} from './device/device-catalog.js';
export { nb201NoiseCeiling, type NoiseCeiling } from './device/nb201-noise-ceiling.js';

// Latency predictors.
export { ridgeFit, ridgePredict, type RidgeModel } from './predict/ridge-fit.js';
export { latencyMetrics, type LatencyMetrics } from './predict/latency-metrics.js';
export { GBT_DEFAULTS, GbtRegressor, type GbtJson, type GbtOptions, type GbtTree } from './predict/gbt-regressor.js';
export { LutPredictor, type LutJson } from './predict/lut-predictor.js';
export { latencyFeatureSize, latencyFeatures } from './predict/latency-features.js';
export {
  LEARNED_PREDICTOR_DEFAULTS,
  LearnedPredictor,
  TRIM_DEFAULTS,
  type LearnedJson,
  type TrimOptions,
} from './predict/learned-predictor.js';
export { DeviceBasis, hardwareOf, type DeviceBasisJson } from './predict/device-basis.js';
export {
  FEW_SHOT_DEFAULTS,
  FewShotPredictor,
  type FewShotJson,
  type FewShotOptions,
} from './predict/few-shot-predictor.js';
export {
  EVALUATE_PREDICTORS_DEFAULTS,
  evaluatePredictors,
  type EvaluatePredictorsOptions,
  type PredictorEvaluation,
} from './predict/evaluate-predictors.js';
export {
  EVALUATE_FEW_SHOT_DEFAULTS,
  evaluateFewShot,
  type EvaluateFewShotOptions,
  type FewShotEvaluation,
} from './predict/evaluate-few-shot.js';

// Block profiling.
export { blockRegression, placementImpact, type BlockScores } from './profile/block-regression.js';
export {
  BLOCK_PROFILE_DEFAULTS,
  blockProfile,
  forceBlock,
  sampleStats,
  type BlockProfile,
  type BlockProfileOptions,
  type ProfileMetric,
  type SampleStats,
} from './profile/block-profile.js';

// Space reduction.
export {
  REDUCE_SPACE_DEFAULTS,
  randomControlSpace,
  reduceSpace,
  type AllowedBlocks,
  type ReduceSpaceOptions,
} from './reduce/reduce-space.js';
export { BlockSubspace } from './reduce/block-subspace.js';
export {
  COMPARE_REDUCTION_DEFAULTS,
  compareReduction,
  type CompareReductionOptions,
  type GeneSpace,
  type Objectives,
  type SpaceVariant,
  type VariantResult,
} from './reduce/compare-reduction.js';
export {
  NB201_REDUCTION_DEFAULTS,
  nb201Reduction,
  type Nb201Reduction,
  type Nb201ReductionOptions,
} from './reduce/nb201-reduction.js';

// Accuracy where a space has none measured here (FBNet, OFA-MBv3): the ensemble predictor.
export {
  ENSEMBLE_ACCURACY_DEFAULTS,
  blockArchGraph,
  ensembleAccuracy,
  type AccuracyModel,
  type EnsembleAccuracyOptions,
} from './accuracy/ensemble-accuracy.js';
export { OfaSubspace } from './reduce/ofa-subspace.js';
export {
  SPACE_REDUCTION_DEFAULTS,
  spaceReduction,
  type SpaceReduction,
  type SpaceReductionOptions,
} from './reduce/space-reduction.js';

// Plots.
export { HEATMAP_DEFAULTS, heatmapChart, type HeatmapOptions } from './plot/heatmap-chart.js';

// A user's device: measured CSV in, predictor directory out.
export { parseMeasuredCsv, type MeasuredRow } from './predict/parse-measured-csv.js';
export { loadPredictorDir, savePredictorDir, type PredictorDirMeta } from './predict/predictor-dir.js';

// Live measurement on this machine.
export { measurementEnvironment, type MeasurementEnvironment } from './live/measurement-environment.js';
export { timingStats, type TimingStats } from './live/timing-stats.js';
export { LIVE_DEFAULTS, measureOnnx, type LiveMeasurement, type LiveOptions } from './live/measure-onnx.js';
export { TfjsGraphRunner } from './live/tfjs-graph-runner.js';
export { measureGraph } from './live/measure-graph.js';
export { openLiveSession, type LiveRuntime, type LiveSession } from './live/live-session.js';
export {
  measureRepeatability,
  relativeSpread,
  type Repeatability,
  type RepeatabilityOptions,
} from './live/measure-repeatability.js';
export { profileDevice, type DeviceProfile } from './profile/profile-device.js';
export { blockProfileAsync } from './profile/block-profile-async.js';
export { planBlockProfile, summarizeBlockProfile, type ProfilePlan } from './profile/block-profile.js';
