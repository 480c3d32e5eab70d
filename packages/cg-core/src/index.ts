// @cgnas/cg-core: computation graphs of CNNs, NAS benchmark families, and the embedded benchmark data.
export {
  DataFileError,
  cachedData,
  dataDir,
  dataPath,
  num,
  parseCsv,
  parseJsonl,
  readTextFile,
} from './data/data-files.js';
export {
  loadHelpFbnet,
  loadHelpNb201,
  loadHelpOfaMbv3,
  loadHwNasBenchFbnet,
  loadHwNasBenchNb201,
  loadNb101Sample,
  loadNb201,
  loadNb201SuiteZero,
  loadNb201ZeroCost,
  loadNb301Sample,
  type DartsCellList,
  type FbnetLatencyKey,
  type LatencyTable,
  type Nb101Record,
  type Nb201LatencyKey,
  type Nb201Record,
  type Nb201SuiteZeroRecord,
  type Nb201ZeroCostRecord,
  type Nb301Record,
  type OfaMbv3Arch,
  type OfaMbv3LatencyRecord,
  type ZeroCostScores,
} from './data/benchmark-data.js';

// The Computation Graph model.
export {
  OP_TYPES,
  KERNEL_OPS,
  MULTI_INPUT_OPS,
  WEIGHTED_OPS,
  isOpType,
  opIndex,
  type OpType,
} from './graph/op-types.js';
export {
  predecessors,
  successors,
  type CgMeta,
  type CgNode,
  type ComputationGraph,
  type Pads,
} from './graph/computation-graph.js';
export { GraphBuildError, GraphValidationError } from './graph/graph-errors.js';
export { GraphBuilder, windowOut, type ConvSpec, type PoolSpec } from './graph/graph-builder.js';
export { validateGraph } from './graph/validate-graph.js';
export { graphCost, nodeCost, type GraphCost, type NodeCost } from './graph/graph-cost.js';
