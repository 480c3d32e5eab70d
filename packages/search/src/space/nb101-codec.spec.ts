import { Rng } from '@cgnas/native';
import { loadNb101Sample } from '@cgnas/cg-core';
import { describe, expect, it } from 'vitest';

import { SearchInputError } from '../errors.js';
import { nb101Codec, type Nb101Arch } from './nb101-codec.js';
import { nb101SampleSpace } from './sample-spaces.js';

// Reference fingerprints from NAS-Bench-101's graph_util.hash_module (Python), for sample lines 1–3.
const REFERENCE = [
  '8a82efdf8ace32a28e4e87c562e5c6f8',
  'd4e218650e83b750ed083531c48d172d',
  'e1448a0005a6e3f3b423fac76cf8cdb4',
];

function permute(arch: Nb101Arch, perm: readonly number[]): Nb101Arch {
  // perm maps old intermediate index -> new index; input and output stay put.
  const n = arch.ops.length;
  const p = [0, ...perm, n - 1];
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (arch.matrix[i]![j]) matrix[p[i]!]![p[j]!] = 1;
  const ops = new Array<string>(n);
  arch.ops.forEach((op, i) => (ops[p[i]!] = op));
  return { matrix, ops };
}

describe('nb101Codec', () => {
  const sample = loadNb101Sample();

  it('matches NAS-Bench-101 hash_module fingerprints', () => {
    REFERENCE.forEach((h, i) => expect(nb101Codec.hash(sample[i]!)).toBe(h));
    expect(new Set(sample.map((r) => nb101Codec.hash(r))).size).toBe(500);
  });

  it('is invariant to relabelling nodes that keeps the matrix upper-triangular', () => {
    // Two intermediate nodes without an edge between them can swap places.
    let checked = 0;
    for (const r of sample) {
      const n = r.ops.length;
      for (let i = 1; i < n - 2 && checked < 30; i++) {
        if (r.matrix[i]![i + 1]) continue;
        const perm = Array.from({ length: n - 2 }, (_, k) => k + 1);
        [perm[i - 1], perm[i]] = [perm[i]!, perm[i - 1]!];
        expect(nb101Codec.hash(permute(r, perm))).toBe(nb101Codec.hash(r));
        checked++;
      }
    }
    expect(checked).toBe(30);
  });

  it('round-trips encode/decode and rejects bad strings', () => {
    for (const r of sample.slice(0, 50))
      expect(nb101Codec.decode(nb101Codec.encode(r))).toEqual({ matrix: r.matrix, ops: r.ops });
    expect(() => nb101Codec.decode('in,c3,out|01')).toThrow(SearchInputError);
    expect(() => nb101Codec.decode('in,zz,out|011')).toThrow(SearchInputError);
  });

  it('restricted space mutates to a nearest known neighbour', () => {
    const space = nb101SampleSpace();
    expect(space.size).toBe(500);
    const rng = new Rng(2);
    for (let t = 0; t < 20; t++) {
      const a = space.sample(rng);
      const m = space.mutate(a, rng);
      expect(space.has(m)).toBe(true);
      const d = nb101Codec.distance(a, m);
      expect(d).toBeGreaterThan(0);
      const min = Math.min(
        ...space.archs.filter((x) => space.hash(x) !== space.hash(a)).map((x) => nb101Codec.distance(a, x)),
      );
      expect(d).toBe(min);
      expect(space.has(space.crossover(a, m, rng))).toBe(true);
    }
    expect(space.features(space.sample(rng))).toHaveLength(space.featureSize);
  });
});
