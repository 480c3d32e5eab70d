// The primitive-operator vocabulary of a Computation Graph (GENNAPE, Mills et al. 2023, §3.1):
// every network from every family is expressed with these ops, which is what lets a predictor
// trained on some families read others. The order is the embedding index: append, never reorder.

export const OP_TYPES = [
  '<oov>',
  'input',
  'output',
  'conv',
  'depthwise',
  'batchnorm',
  'relu',
  'relu6',
  'matmul',
  'add',
  'mul',
  'concat',
  'maxpool',
  'avgpool',
  'sigmoid',
  'tanh',
  'swish',
  'gelu',
  'paddings',
  'mean',
  'identity',
  'zero',
  'global',
  'hswish',
  'hsigmoid',
  '<reserved-1>',
  '<reserved-2>',
  '<reserved-3>',
] as const;

export type OpType = (typeof OP_TYPES)[number];

/** Ops that carry weights (conv kernels, FC matrices, BN scale/shift). */
export const WEIGHTED_OPS: ReadonlySet<OpType> = new Set<OpType>(['conv', 'depthwise', 'matmul', 'batchnorm']);

/** Ops with a spatial kernel (kh, kw, stride, padding). */
export const KERNEL_OPS: ReadonlySet<OpType> = new Set<OpType>(['conv', 'depthwise', 'maxpool', 'avgpool']);

/** Ops that combine several inputs. */
export const MULTI_INPUT_OPS: ReadonlySet<OpType> = new Set<OpType>(['add', 'mul', 'concat']);

// A prototype-less object: a faster lookup than a Map on the feature hot path, and immune to "constructor".
const INDEX: Record<string, number> = Object.assign(
  Object.create(null) as Record<string, number>,
  Object.fromEntries(OP_TYPES.map((op, i) => [op, i])),
);

/** Embedding index of an op (0 = `<oov>` for anything unknown). */
export function opIndex(op: string): number {
  return INDEX[op] ?? 0;
}

export function isOpType(value: unknown): value is OpType {
  return typeof value === 'string' && INDEX[value] !== undefined;
}
