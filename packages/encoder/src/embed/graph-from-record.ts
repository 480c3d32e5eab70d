// Reads one input record of `cgnas embed`: a family encoding {"family": "nb201", "arch": ...} or a
// Computation Graph as JSON ({"nodes": [...], "edges": [...]}, validated by cg-core).
import { validateGraph, type ComputationGraph } from '@cgnas/cg-core';

import { EncoderInputError } from '../errors.js';
import { familySampler } from '../pretrain/family-samplers.js';

/** The CG of a record; EncoderInputError (or cg-core's typed errors) when it is neither form. */
export function graphFromRecord(record: unknown): ComputationGraph {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new EncoderInputError(
      `encoder.graphFromRecord: Expected an object with "family" and "arch", or "nodes" and "edges", but received ${JSON.stringify(record)?.slice(0, 80)}`,
    );
  }
  const r = record as Record<string, unknown>;
  if ('nodes' in r || 'edges' in r) return validateGraph(r as unknown as ComputationGraph);
  if (typeof r.family === 'string' && 'arch' in r) return familySampler(r.family).toGraph(r.arch);
  throw new EncoderInputError(
    `encoder.graphFromRecord: Expected "family" and "arch", or "nodes" and "edges", but received keys ${Object.keys(r).join(', ')}`,
  );
}
