import { loadHwNasBenchNb201, loadNb201 } from '@cgnas/cg-core';
import { describe, expect, it } from 'vitest';

import { OracleError, SearchInputError } from '../errors.js';
import { Nb201Space } from '../space/nb201-space.js';
import { nb201Oracle, parseObjective } from './nb201-oracle.js';
import { TableOracle } from './table-oracle.js';

const space = new Nb201Space();

describe('nb201Oracle', () => {
  it('answers the benchmark table and counts queries', () => {
    const oracle = nb201Oracle(['acc', 'latency:pixel3', 'params']);
    const row = loadNb201()[1]!;
    const lat = loadHwNasBenchNb201().rows.find((r) => r.key.archStr === row.archStr)!.latencyMs.pixel3!;
    expect(oracle.query(space.decode(row.archStr))).toEqual([row.cifar10TestAcc, lat, row.paramsM]);
    expect(oracle.queries).toBe(1);
    expect(oracle.objectives.map((o) => o.sense)).toEqual(['max', 'min', 'min']);
  });

  it('knows the published optima: 94.37 (CIFAR-10 test), 91.61 (cifar10-valid), 73.49 (CIFAR-100 valid)', () => {
    expect(nb201Oracle(['acc']).optimum()).toBeCloseTo(94.37, 2);
    expect(nb201Oracle(['acc'], { metric: 'valid' }).optimum()).toBeCloseTo(91.61, 2);
    expect(nb201Oracle(['acc'], { dataset: 'cifar100', metric: 'valid' }).optimum()).toBeCloseTo(73.49, 2);
    const [lo, hi] = nb201Oracle(['latency:pixel3']).bounds()[0]!;
    expect(lo).toBeLessThan(hi);
  });

  it('rejects unknown objectives, devices and datasets; fails unknown archs per item', () => {
    expect(() => parseObjective('speed')).toThrow(SearchInputError);
    expect(() => nb201Oracle(['latency:toaster'])).toThrow(SearchInputError);
    expect(() => nb201Oracle(['acc'], { dataset: 'mnist' as never })).toThrow(SearchInputError);
    const oracle = nb201Oracle(['acc']);
    expect(() => oracle.query([9, 9, 9, 9, 9, 9])).toThrow(SearchInputError);
    const out = oracle.evaluator()(
      [
        [0, 0, 0, 0, 0, 0],
        [9, 9, 9, 9, 9, 9],
      ],
      new AbortController().signal,
    ) as readonly unknown[];
    expect(out[0]).toEqual([expect.any(Number)]);
    expect(out[1]).toBeInstanceOf(SearchInputError);
  });

  it('throws OracleError for archs outside a table', () => {
    const oracle = nb201Oracle(['acc']);
    const partial = new TableOracle(oracle.objectives, new Map([['a', [1]]]), (x: string) => x);
    expect(() => partial.query('b')).toThrow(OracleError);
    expect(partial.query('a')).toEqual([1]);
  });
});
