import { GraphBuilder, NB201_OPS, nb201Graph } from '@cgnas/cg-core';
import { describe, expect, it } from 'vitest';

import { EncoderInputError } from '../errors.js';
import { graphFromRecord } from './graph-from-record.js';

describe('graphFromRecord', () => {
  it('builds family encodings and passes CG JSON through validation', () => {
    const arch = `|${NB201_OPS[1]}~0|+|${NB201_OPS[2]}~0|${NB201_OPS[3]}~1|+|${NB201_OPS[1]}~0|${NB201_OPS[2]}~1|${NB201_OPS[3]}~2|`;
    expect(graphFromRecord({ family: 'nb201', arch }).nodes.length).toBe(nb201Graph(arch).nodes.length);
    const b = new GraphBuilder({ family: 'custom' });
    b.output(b.relu(b.input(4, 4, 2)));
    const g = JSON.parse(JSON.stringify(b.build())) as unknown;
    expect(graphFromRecord(g).nodes.length).toBe(3);
  });

  it('rejects anything else with a typed error', () => {
    expect(() => graphFromRecord(3)).toThrow(EncoderInputError);
    expect(() => graphFromRecord({ foo: 1 })).toThrow(EncoderInputError);
    expect(() => graphFromRecord({ family: 'nope', arch: 'x' })).toThrow(EncoderInputError);
    expect(() => graphFromRecord({ nodes: [], edges: [] })).toThrow(Error);
  });
});
