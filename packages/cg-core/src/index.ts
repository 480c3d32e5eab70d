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
export {
  GraphBuilder,
  windowOut,
  type ConvSpec,
  type GraphBuilderOptions,
  type PoolSpec,
} from './graph/graph-builder.js';
export { validateGraph } from './graph/validate-graph.js';
export { pruneDeadNodes } from './graph/prune-dead-nodes.js';
export { graphCost, nodeCost, type GraphCost, type NodeCost } from './graph/graph-cost.js';

// Encoder features.
export { graphFeatures, type GraphFeatures } from './features/graph-features.js';
export { laplacianSpectrum } from './features/laplacian-spectrum.js';
export { symmetricEigenvalues } from './features/symmetric-eigenvalues.js';

// Family builders.
export { ArchError } from './families/arch-error.js';
export {
  NB201_EDGES,
  NB201_OPS,
  formatNb201Arch,
  parseNb201Arch,
  type Nb201Arch,
  type Nb201Op,
} from './families/nb201/nb201-arch.js';
export { nb201Graph, type Nb201GraphOptions } from './families/nb201/nb201-graph.js';
export { mutateNb201, nb201Neighbours, sampleNb201 } from './families/nb201/nb201-space.js';
export {
  NB101_MAX_EDGES,
  NB101_MAX_VERTICES,
  NB101_OPS,
  isValidNb101,
  pruneNb101,
  type Nb101Op,
  type Nb101Spec,
} from './families/nb101/nb101-spec.js';
export { nb101Graph, nb101VertexChannels, type Nb101GraphOptions } from './families/nb101/nb101-graph.js';
export {
  DARTS_OPS,
  DARTS_STEPS,
  parseDartsGenotype,
  type DartsCell,
  type DartsGenotype,
  type DartsOp,
} from './families/nb301/darts-genotype.js';
export { nb301Graph, type Nb301GraphOptions } from './families/nb301/nb301-graph.js';
export { mutateNb101, nb101Neighbours, sampleNb101 } from './families/nb101/nb101-space.js';
export { mutateNb301, nb301Neighbours, sampleNb301 } from './families/nb301/nb301-space.js';
export { nb101Hash } from './families/nb101/nb101-hash.js';

// Identity.
export { hashNumbers, hashString, wlColours, type WlResult } from './identity/wl-colours.js';
export { graphHash, nodeSignature } from './identity/graph-hash.js';
export { canonicalGraph } from './identity/canonical-graph.js';

// Mobile families (OFA-MBv3, FBNet of HW-NAS-Bench, ProxylessNAS, OFA-ResNet50).
export { type ArchFamily } from './families/mobile/arch-family.js';
export { makeDivisible } from './families/mobile/make-divisible.js';
export {
  OFA_MBV3_D,
  OFA_MBV3_DEFAULTS,
  OFA_MBV3_E,
  OFA_MBV3_KS,
  OFA_MBV3_R,
  ofaMbv3Family,
  type OfaMbv3Member,
  type OfaMbv3Options,
} from './families/ofa-mbv3/ofa-mbv3-family.js';
export {
  FBNET_BLOCKS,
  FBNET_DEFAULTS,
  FBNET_LENGTH,
  fbnetFamily,
  type FbnetBlock,
  type FbnetMember,
  type FbnetOptions,
} from './families/fbnet/fbnet-family.js';
export {
  PROXYLESS_CHOICES,
  PROXYLESS_DEFAULTS,
  PROXYLESS_LENGTH,
  PROXYLESS_STAGE_STARTS,
  proxylessFamily,
  type ProxylessChoice,
  type ProxylessMember,
  type ProxylessOptions,
} from './families/proxyless/proxyless-family.js';
export {
  OFA_RESNET_D,
  OFA_RESNET_E,
  OFA_RESNET_R,
  OFA_RESNET_WIDTH_MULTS,
  ofaResnetFamily,
  type OfaResnetMember,
} from './families/ofa-resnet/ofa-resnet-family.js';

// ONNX import/export.
export { OnnxExportError, OnnxImportError } from './onnx/onnx-errors.js';
export { decodeOnnxModel } from './onnx/decode-onnx-model.js';
export {
  ONNX_IMPORT_DEFAULTS,
  importOnnx,
  type OnnxImportOptions,
  type OnnxImportResult,
  type UnmappedOnnxOp,
} from './onnx/import-onnx.js';
export { ONNX_EXPORT_DEFAULTS, exportOnnx, type OnnxExportOptions, type OnnxWeightFn } from './onnx/export-onnx.js';

// tfjs LayersModel JSON import.
export { TfjsImportError } from './tfjs-import/tfjs-import-error.js';
export {
  TFJS_IMPORT_DEFAULTS,
  importTfjsLayers,
  type TfjsImportOptions,
  type TfjsImportResult,
  type UnmappedTfjsLayer,
} from './tfjs-import/import-tfjs-layers.js';

// Serialisation.
export { GraphFormatError } from './serialization/graph-format-error.js';
export { CG_FORMAT, CG_FORMAT_VERSION, CG_JSON_SCHEMA } from './serialization/cg-json-schema.js';
export { graphToJson, parseGraphJson, stringifyGraph, type CgJsonDocument } from './serialization/graph-json.js';
export { readGraphFile, writeFileAtomic, writeGraphFile } from './serialization/graph-file.js';
export { nb201Family } from './families/nb201/nb201-family.js';
export { nb101Family } from './families/nb101/nb101-family.js';
export { nb301Family } from './families/nb301/nb301-family.js';
