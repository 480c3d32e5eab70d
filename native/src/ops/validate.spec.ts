import { describe, expect, it } from 'vitest';

import { NativeInputError } from '../errors.js';
import { gemm, matmul } from './gemm.js';
import { csrFromEdges, spmm } from './spmm.js';

describe('op validation', () => {
  it('rejects wrong array types and short buffers with NativeInputError', () => {
    expect(() => matmul(2, 2, 2, new Float64Array(4) as unknown as Float32Array, new Float32Array(4))).toThrow(
      NativeInputError,
    );
    expect(() => matmul(2, 2, 2, new Float32Array(3), new Float32Array(4))).toThrow(NativeInputError);
    expect(() => gemm(2, 2, 2, new Float32Array(4), new Float32Array(4), new Float32Array(4), { lda: 1 })).toThrow(
      NativeInputError,
    );
    expect(() => matmul(-1, 2, 2, new Float32Array(4), new Float32Array(4))).toThrow(NativeInputError);
    expect(() => matmul(1.5, 2, 2, new Float32Array(4), new Float32Array(4))).toThrow(NativeInputError);
    expect(() => gemm(1, 1, 1, new Float32Array(1), new Float32Array(1), new Float32Array(1), { alpha: NaN })).toThrow(
      NativeInputError,
    );
  });

  it('rejects malformed CSR', () => {
    expect(() => csrFromEdges(2, [0, 1], [1])).toThrow(NativeInputError);
    expect(() => csrFromEdges(2, [0], [5])).toThrow(NativeInputError);
    const bad = { rows: 2, cols: 2, rowPtr: new Int32Array([0, 2, 1]), colIdx: new Int32Array([0, 1]) };
    expect(() => spmm(bad, new Float32Array(4), 2)).toThrow(NativeInputError);
    const outOfRange = { rows: 1, cols: 2, rowPtr: new Int32Array([0, 1]), colIdx: new Int32Array([2]) };
    expect(() => spmm(outOfRange, new Float32Array(4), 2)).toThrow(NativeInputError);
  });
});
