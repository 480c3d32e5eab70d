// Entry validation for the sweep kernel: every index the C++ loop will follow is checked here,
// once, so the kernels themselves can trust their input.
import { NativeInputError } from '../errors.js';
import type { IsingSweepArgs } from './ising-sweep-types.js';

function fail(what: string, param: string, value: unknown): never {
  throw new NativeInputError(`native.isingSweep: Expected ${what} for ${param} but received ${String(value)}`);
}

export function validateIsingSweepArgs(a: IsingSweepArgs): void {
  const { n, chains, slices } = a;
  if (!Number.isInteger(n) || n < 1) fail('a positive integer', 'n', n);
  if (!Number.isInteger(chains) || chains < 1) fail('a positive integer', 'chains', chains);
  if (!Number.isInteger(slices) || slices < 1 || slices > 4096) fail('an integer in [1, 4096]', 'slices', slices);
  if (!(a.offsets instanceof Int32Array) || a.offsets.length !== n + 1)
    fail(`an Int32Array of length ${n + 1}`, 'offsets', a.offsets?.length);
  if (a.offsets[0] !== 0) fail('0', 'offsets[0]', a.offsets[0]);
  for (let i = 0; i < n; i++)
    if (a.offsets[i + 1]! < a.offsets[i]!) fail('non-decreasing offsets', `offsets[${i + 1}]`, a.offsets[i + 1]);
  const nnz = a.offsets[n]!;
  if (!(a.indices instanceof Int32Array) || a.indices.length < nnz)
    fail(`an Int32Array of length >= ${nnz}`, 'indices', a.indices?.length);
  for (let e = 0; e < nnz; e++) {
    const j = a.indices[e]!;
    if (j < 0 || j >= n) fail(`a spin index in [0, ${n})`, `indices[${e}]`, j);
  }
  for (let i = 0; i < n; i++) {
    for (let e = a.offsets[i]!; e < a.offsets[i + 1]!; e++)
      if (a.indices[e] === i) fail('no self-loops', `indices[${e}]`, i);
  }
  if (!(a.weights instanceof Float32Array) || a.weights.length < nnz)
    fail(`a Float32Array of length >= ${nnz}`, 'weights', a.weights?.length);
  if (!(a.h instanceof Float32Array) || a.h.length !== n) fail(`a Float32Array of length ${n}`, 'h', a.h?.length);
  for (let e = 0; e < nnz; e++)
    if (!Number.isFinite(a.weights[e]!)) fail('finite couplings', `weights[${e}]`, a.weights[e]);
  for (let i = 0; i < n; i++) if (!Number.isFinite(a.h[i]!)) fail('finite fields', `h[${i}]`, a.h[i]);
  if (!(a.state instanceof Int8Array) || a.state.length !== slices * n * chains) {
    fail(`an Int8Array of length slices*n*chains = ${slices * n * chains}`, 'state', a.state?.length);
  }
  for (let x = 0; x < a.state.length; x++) {
    const v = a.state[x]!;
    if (v !== 1 && v !== -1) fail('spins in {-1, +1}', `state[${x}]`, v);
  }
  if (!(a.classicalScale instanceof Float64Array)) fail('a Float64Array', 'classicalScale', a.classicalScale);
  if (!(a.sliceCoupling instanceof Float64Array) || a.sliceCoupling.length !== a.classicalScale.length) {
    fail(`a Float64Array of length ${a.classicalScale.length}`, 'sliceCoupling', a.sliceCoupling?.length);
  }
  for (let t = 0; t < a.classicalScale.length; t++) {
    if (!Number.isFinite(a.classicalScale[t]!)) fail('finite values', `classicalScale[${t}]`, a.classicalScale[t]);
    if (!Number.isFinite(a.sliceCoupling[t]!)) fail('finite values', `sliceCoupling[${t}]`, a.sliceCoupling[t]);
  }
  if (a.chainScale !== null) {
    if (!(a.chainScale instanceof Float32Array) || a.chainScale.length !== chains)
      fail(`a Float32Array of length ${chains} or null`, 'chainScale', a.chainScale);
    for (let c = 0; c < chains; c++)
      if (!Number.isFinite(a.chainScale[c]!)) fail('finite values', `chainScale[${c}]`, a.chainScale[c]);
  }
  if (a.order !== null) {
    if (!(a.order instanceof Int32Array) || a.order.length !== n)
      fail(`an Int32Array of length ${n} or null`, 'order', a.order);
    const seen = new Uint8Array(n);
    for (let x = 0; x < n; x++) {
      const i = a.order[x]!;
      if (i < 0 || i >= n || seen[i]) fail('a permutation of 0..n-1', 'order', `order[${x}] = ${i}`);
      seen[i] = 1;
    }
  }
  if (a.proposal !== 'heat-bath' && a.proposal !== 'metropolis')
    fail("'heat-bath' or 'metropolis'", 'proposal', a.proposal);
  if (!Number.isSafeInteger(a.seed) || a.seed < 0) fail('a non-negative safe integer', 'seed', a.seed);
}
