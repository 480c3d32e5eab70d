// Exact Ising enumeration in the C++ engine (Gray code over a high block, low block summed through
// its boundary spins),
// used by @cgnas/boltzmann for 2^n sums that are too slow in JS. Null when the addon is missing.
import { NativeInputError } from '../errors.js';
import { getBinding } from '../load-binding.js';

export interface IsingEnumerateInput {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly csrEdge: Int32Array;
  readonly J: Float64Array;
  readonly h: Float64Array;
  readonly edgeI: Int32Array;
  readonly edgeJ: Int32Array;
}

export interface IsingEnumerateOptions {
  /**
   * Spins in the low block, summed through the boundary factorisation (tests force several splits
   * to cover every path); 0 or absent lets the kernel's cost model pick.
   */
  readonly lowSpins?: number;
}

/** [log Z, ⟨s_i⟩, ⟨s_i s_j⟩ per edge] of P ∝ exp(−Σ h s − Σ J s s), or null without the addon. */
export function isingEnumerateNative(
  model: IsingEnumerateInput,
  options: IsingEnumerateOptions = {},
): { logZ: number; mean: Float64Array; corr: Float64Array } | null {
  const binding = getBinding();
  if (!binding || typeof binding.isingEnumerate !== 'function') return null;
  const { n } = model;
  const m = model.J.length;
  if (!Number.isInteger(n) || n < 1 || n > 30) {
    throw new NativeInputError(`native.isingEnumerate: Expected an integer in [1, 30] for n but received ${n}`);
  }
  const lowSpins = options.lowSpins ?? 0;
  if (!Number.isInteger(lowSpins) || lowSpins < 0 || lowSpins > n) {
    throw new NativeInputError(
      `native.isingEnumerate: Expected an integer in [0, ${n}] for lowSpins but received ${lowSpins}`,
    );
  }
  const out = new Float64Array(1 + n + m);
  binding.isingEnumerate(
    n,
    model.offsets,
    model.indices,
    model.csrEdge,
    model.J,
    model.h,
    model.edgeI,
    model.edgeJ,
    out,
    lowSpins,
  );
  return { logZ: out[0]!, mean: out.subarray(1, 1 + n), corr: out.subarray(1 + n) };
}
