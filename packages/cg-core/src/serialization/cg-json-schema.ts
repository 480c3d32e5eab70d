// JSON Schema (draft-07) of the versioned CG file format `{"format": "cgnas.cg", "version": 1, ...}`.
// The same schema is checked in as cg.schema.json for tools outside cgnas; a spec keeps the two identical.
import { OP_TYPES } from '../graph/op-types.js';

export const CG_FORMAT = 'cgnas.cg';
export const CG_FORMAT_VERSION = 1;

const positiveInt = { type: 'integer', minimum: 1 } as const;

export const CG_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://cgnas.dev/schemas/cg-v1.json',
  title: 'cgnas Computation Graph, format version 1',
  type: 'object',
  additionalProperties: false,
  required: ['format', 'version', 'meta', 'nodes', 'edges'],
  properties: {
    format: { const: CG_FORMAT },
    version: { const: CG_FORMAT_VERSION },
    meta: {
      type: 'object',
      additionalProperties: false,
      properties: {
        family: { type: 'string' },
        arch: { type: 'string' },
        name: { type: 'string' },
      },
    },
    nodes: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'op', 'inH', 'inW', 'inC', 'outH', 'outW', 'outC'],
        properties: {
          id: { type: 'integer', minimum: 0 },
          op: { enum: [...OP_TYPES] },
          inH: positiveInt,
          inW: positiveInt,
          inC: positiveInt,
          outH: positiveInt,
          outW: positiveInt,
          outC: positiveInt,
          kh: positiveInt,
          kw: positiveInt,
          stride: positiveInt,
          pads: { type: 'array', minItems: 4, maxItems: 4, items: { type: 'integer', minimum: 0 } },
          groups: positiveInt,
          dilation: positiveInt,
          bias: { type: 'boolean' },
          affine: { type: 'boolean' },
          label: { type: 'string' },
        },
      },
    },
    edges: {
      type: 'array',
      items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'integer', minimum: 0 } },
    },
  },
} as const;
