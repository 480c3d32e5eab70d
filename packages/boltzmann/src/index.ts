// @cgnas/boltzmann: fully visible Boltzmann machines (Ising models) trained with CD, PCD and
// annealing-seeded chains, with exact enumeration and variable elimination as references.
export { Rng } from '@cgnas/native';
export { BoltzmannFormatError, BoltzmannInputError } from './errors.js';
export {
  createIsingGraph,
  createIsingModel,
  isingEnergy,
  type IsingGraph,
  type IsingModel,
} from './model/ising-model.js';
export { chimeraGraph, chimeraIndex } from './model/chimera-graph.js';
export { latticeGraph } from './model/lattice-graph.js';
export { completeGraph } from './model/complete-graph.js';
export { ISING_JSON_FORMAT, isingFromJson, isingToJson } from './model/ising-json.js';
export type { IsingMoments } from './exact/ising-moments.js';
export { enumerateExact, MAX_ENUMERATION_SPINS } from './exact/enumerate-exact.js';
export { eliminateExact, eliminationSteps, type EliminateOptions } from './exact/eliminate-exact.js';
export { ENUMERATION_LIMIT, exactMoments } from './exact/exact-moments.js';
export { klDivergence } from './exact/kl-divergence.js';
export {
  SAMPLE_DEFAULTS,
  sampleIsing,
  trotterCoupling,
  type SampleOptions,
  type SampleResult,
  type SamplerMethod,
} from './samplers/sample-ising.js';
export { sampleMoments } from './samplers/sample-moments.js';
export { twoColouring } from './samplers/two-colouring.js';
export { targetModel, type TargetClass, type TargetOptions } from './training/target-models.js';
export {
  ESTIMATORS,
  TRAIN_DEFAULTS,
  targetSamples,
  trainBoltzmann,
  type Estimator,
  type TrainOptions,
  type TrainRecord,
  type TrainResult,
} from './training/train-boltzmann.js';
