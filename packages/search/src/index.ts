// @cgnas/search: evolutionary and multi-objective NAS, streamed with RxJS.
export { OracleError, RunLogError, SearchInputError } from './errors.js';

// Search spaces.
export type { SearchSpace } from './space/search-space.js';
export { NB201_SPACE_DEFAULTS, Nb201Space, type Nb201Genome, type Nb201SpaceOptions } from './space/nb201-space.js';
export { RestrictedSpace, type ArchCodec } from './space/restricted-space.js';
export { nb101Codec, type Nb101Arch } from './space/nb101-codec.js';
export { nb301Codec, type Nb301Arch } from './space/nb301-codec.js';
export { nb101SampleSpace, nb301SampleSpace } from './space/sample-spaces.js';
export { familySpace, type FamilyExtras } from './space/family-space.js';
export { fbnetSpace, ofaMbv3Space, proxylessSpace } from './space/mobile-spaces.js';

// Oracles.
export type { Oracle } from './oracle/oracle.js';
export { TableOracle } from './oracle/table-oracle.js';
export {
  NB201_ORACLE_DEFAULTS,
  nb201Oracle,
  parseObjective,
  type Nb201Dataset,
  type Nb201OracleOptions,
} from './oracle/nb201-oracle.js';
export { nb101Oracle, nb301Oracle } from './oracle/sample-oracles.js';

// Multi-objective tools.
export { dominates, nonDominatedSort } from './mo/non-dominated-sort.js';
export { crowdingDistance } from './mo/crowding-distance.js';
export { hypervolume } from './mo/hypervolume.js';
export { ParetoArchive } from './mo/pareto-archive.js';

// Predictors.
export type { Prediction, Predictor } from './predictor/predictor.js';
export {
  GP_PREDICTOR_DEFAULTS,
  GpPredictor,
  rankNormalScores,
  type GpPredictorOptions,
} from './predictor/gp-predictor.js';

// RxJS services and the run driver.
export {
  BATCH_SERVICE_DEFAULTS,
  batchService,
  type BatchCall,
  type BatchOutput,
  type BatchResult,
  type BatchServiceOptions,
} from './rx/batch-service.js';
export type { FrontPoint, ObjectiveSpec, RunConfig, SearchEvent, SearchEventType } from './strategy/search-events.js';
export type { Evaluated, Strategy } from './strategy/strategy.js';
export {
  RUN_SEARCH_DEFAULTS,
  runSearch,
  type Evaluator,
  type ReplayedEvaluation,
  type RunSearchOptions,
} from './strategy/run-search.js';
export { RANDOM_STRATEGY_DEFAULTS, randomStrategy, type RandomStrategyOptions } from './strategy/random-strategy.js';
export { REA_STRATEGY_DEFAULTS, reaStrategy, type ReaStrategyOptions } from './strategy/rea-strategy.js';
export {
  PREDICTOR_STRATEGY_DEFAULTS,
  predictorStrategy,
  type PredictorStrategyOptions,
} from './strategy/predictor-strategy.js';
export { NSGA2_STRATEGY_DEFAULTS, nsga2Strategy, type Nsga2StrategyOptions } from './strategy/nsga2-strategy.js';
export {
  SPACE_NAMES,
  STRATEGY_NAMES,
  createNb201Run,
  createRun,
  type CreateAnyRunOptions,
  type CreateRunOptions,
  type CreatedRun,
  type StrategyName,
} from './strategy/create-run.js';

// Persistence.
export { planResume, readRunLog, type ResumePlan } from './persist/read-run-log.js';
export { APPEND_RUN_LOG_DEFAULTS, appendRunLog, type AppendRunLogOptions } from './persist/append-run-log.js';

// Plots (shared SVG charts).
export { lineChart, type LineChartOptions, type LineSeries } from './plot/line-chart.js';
export { scatterChart, type ScatterChartOptions, type ScatterSeries } from './plot/scatter-chart.js';
export { escapeXml, niceTicks, type ChartOptions } from './plot/svg-frame.js';
