import { describe, expect, it } from 'vitest';

import { EncoderInputError } from '../errors.js';
import { spectralWeights } from './spectral-weights.js';

describe('spectralWeights', () => {
  it('is a softmax over negative Euclidean spectral distances, zero on the diagonal and across groups', () => {
    const spectra = [
      Float64Array.of(0, 0.5),
      Float64Array.of(0, 0.6),
      Float64Array.of(0.3, 0.5),
      Float64Array.of(0, 0.5),
    ];
    const T = 0.1;
    const a = spectralWeights(spectra, 2, T);
    // Row 0: distances to 1, 2, 3 are 0.1, 0.3, 0.
    const e = [Math.exp(-1), Math.exp(-3), 1];
    const z = e[0]! + e[1]! + e[2]!;
    expect(a[0]).toBe(0);
    expect(a[1]).toBeCloseTo(e[0]! / z, 6);
    expect(a[2]).toBeCloseTo(e[1]! / z, 6);
    expect(a[3]).toBeCloseTo(e[2]! / z, 6);
    const g = spectralWeights(spectra, 2, T, Int32Array.of(0, 0, 1, 1));
    expect(Array.from(g.subarray(0, 4))).toEqual([0, 1, 0, 0]);
    expect(Array.from(g.subarray(8, 12))).toEqual([0, 0, 0, 1]);
  });

  it('uses only the first k eigenvalues, survives tiny temperatures, and leaves lone rows at zero', () => {
    const spectra = [Float64Array.of(0, 0, 9), Float64Array.of(0, 1, 0), Float64Array.of(0, 2, 0)];
    const a = spectralWeights(spectra, 2, 1e-4, Int32Array.of(0, 0, 1));
    expect(a[1]).toBe(1);
    expect(Array.from(a.subarray(6, 9))).toEqual([0, 0, 0]);
    expect(() => spectralWeights(spectra, 4, 0.1)).toThrow(EncoderInputError);
    expect(() => spectralWeights(spectra, 2, 0)).toThrow(EncoderInputError);
  });
});
