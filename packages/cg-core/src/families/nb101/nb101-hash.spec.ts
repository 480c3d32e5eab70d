import { Rng } from '@cgnas/native';
import { describe, expect, it } from 'vitest';

import { loadNb101Sample } from '../../data/benchmark-data.js';
import { ArchError } from '../arch-error.js';
import { nb101Hash } from './nb101-hash.js';
import { pruneNb101, type Nb101Spec } from './nb101-spec.js';

/** Relabels interior vertices by a permutation; returns null when the result is not upper-triangular. */
function permute(spec: Nb101Spec, perm: readonly number[]): Nb101Spec | null {
  const n = spec.matrix.length;
  const p = [0, ...perm.map((v) => v + 1), n - 1];
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (spec.matrix[i]![j]) matrix[p[i]!]![p[j]!] = 1;
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) if (matrix[i]![j]) return null;
  const ops = new Array<string>(n);
  for (let i = 0; i < n; i++) ops[p[i]!] = spec.ops[i]!;
  return { matrix, ops };
}

// Heavy, data-wide checks: a generous timeout keeps them from flaking on a loaded machine.
describe('nb101Hash', { timeout: 30_000 }, () => {
  it('gives isomorphic (vertex-permuted) cells the same key', () => {
    const rng = new Rng(2);
    let checked = 0;
    for (const r of loadNb101Sample().slice(0, 200)) {
      const h = nb101Hash(r);
      for (let t = 0; t < 20; t++) {
        const perm = rng.shuffle([0, 1, 2, 3, 4]);
        const q = permute(r, perm);
        if (!q) continue;
        expect(nb101Hash(q)).toBe(h);
        if (perm.some((v, i) => v !== i)) checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('agrees with brute-force isomorphism on the 500 sample cells, and ignores vertices pruned away', () => {
    // Reference: the lexicographically smallest relabelling over all permutations of the interior vertices.
    const canonical = (spec: Nb101Spec): string => {
      const { matrix, ops } = pruneNb101(spec);
      const k = matrix.length - 2;
      let best = '';
      const perm = Array.from({ length: k }, (_, i) => i);
      const visit = (i: number): void => {
        if (i === k) {
          const p = [0, ...perm.map((v) => v + 1), k + 1];
          const inv = new Array<number>(k + 2);
          p.forEach((v, j) => (inv[v] = j));
          const key = inv.map((oi) => `${ops[oi]}:${inv.map((oj) => matrix[oi]![oj]).join('')}`).join('|');
          if (best === '' || key < best) best = key;
          return;
        }
        for (let j = i; j < k; j++) {
          [perm[i], perm[j]] = [perm[j]!, perm[i]!];
          visit(i + 1);
          [perm[i], perm[j]] = [perm[j]!, perm[i]!];
        }
      };
      visit(0);
      return best;
    };
    const rows = loadNb101Sample();
    const byHash = new Map<string, string>();
    const byCanon = new Map<string, string>();
    for (const r of rows) {
      const h = nb101Hash(r);
      const c = canonical(r);
      expect(byHash.get(h) ?? c).toBe(c);
      expect(byCanon.get(c) ?? h).toBe(h);
      byHash.set(h, c);
      byCanon.set(c, h);
    }
    // The NASLib sample keys cells by their raw 7×7 matrix, so it holds isomorphic duplicates.
    expect(byHash.size).toBeLessThan(500);
    const a = {
      matrix: [
        [0, 1, 0],
        [0, 0, 1],
        [0, 0, 0],
      ],
      ops: ['input', 'conv3x3-bn-relu', 'output'],
    };
    const b = {
      matrix: [
        [0, 1, 1, 0],
        [0, 0, 0, 1],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
      ops: ['input', 'conv3x3-bn-relu', 'maxpool3x3', 'output'],
    };
    expect(nb101Hash(b)).toBe(nb101Hash(a));
    expect(nb101Hash({ ...a, ops: ['input', 'conv1x1-bn-relu', 'output'] })).not.toBe(nb101Hash(a));
    expect(() => nb101Hash({ matrix: [[0]], ops: ['input'] })).toThrow(ArchError);
  });
});
