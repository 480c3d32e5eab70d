import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { EncoderInputError } from '../errors.js';
import { PRETRAIN_FAMILIES, familySampler } from './family-samplers.js';

describe('familySampler', () => {
  it('covers the issue families and draws the same member for the same seed', () => {
    expect(PRETRAIN_FAMILIES).toEqual(expect.arrayContaining(['nb101', 'nb201', 'nb301', 'ofa-mbv3']));
    for (const family of PRETRAIN_FAMILIES) {
      const s = familySampler(family);
      const a = s.sample(new Rng(4));
      const b = s.sample(new Rng(4));
      expect(b.key).toBe(a.key);
      expect(a.graph.nodes.length).toBeGreaterThan(3);
      // The key is the family's own encoding: it rebuilds the same graph.
      expect(s.toGraph(a.key).nodes.length).toBe(a.graph.nodes.length);
    }
  });

  it('rejects an unknown family', () => {
    expect(() => familySampler('resnet-9000')).toThrow(EncoderInputError);
  });
});
