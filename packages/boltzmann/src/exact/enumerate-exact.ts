// Exact log Z and moments by enumerating all 2^n states in Gray-code order (n ≤ 28): each step
// flips one spin, so energy and statistics update in O(degree). Moments are accumulated lazily: a
// statistic is constant between flips of its spins, so it is credited with the weight mass Z gained
// since its last change (float64, log-sum-exp with a shift that is raised as larger weights appear).
import { isingEnumerateNative } from '@cgnas/native';

import { BoltzmannInputError } from '../errors.js';
import type { IsingModel } from '../model/ising-model.js';
import type { IsingMoments } from './ising-moments.js';

export const MAX_ENUMERATION_SPINS = 28;

/** Gray-code enumeration in float64 JS, or in C++ (see EnumerateOptions). */
export interface EnumerateOptions {
  /** 'native' uses the C++ enumerator (JS when the addon is missing); 'auto' does so from 16 spins. */
  readonly backend?: 'auto' | 'js' | 'native';
}

/** Gray-code enumeration in float64 JS, or in C++ (see EnumerateOptions). */
export function enumerateExact(model: IsingModel, options: EnumerateOptions = {}): IsingMoments {
  const { n, h, J, offsets, indices, csrEdge, edgeI, edgeJ } = model;
  if (n > MAX_ENUMERATION_SPINS) {
    throw new BoltzmannInputError(
      `boltzmann.enumerateExact: Expected at most ${MAX_ENUMERATION_SPINS} spins for model.n but received ${n}; use eliminateExact for Chimera models`,
    );
  }
  const backend = options.backend ?? 'auto';
  if (backend === 'native' || (backend === 'auto' && n >= 16)) {
    const native = isingEnumerateNative(model);
    if (native)
      return { logZ: native.logZ, mean: Float64Array.from(native.mean), corr: Float64Array.from(native.corr) };
  }
  const m = J.length;
  const s = new Int8Array(n).fill(-1);
  let logw = 0;
  for (let i = 0; i < n; i++) logw += h[i]!;
  for (let e = 0; e < m; e++) logw -= J[e]!;
  let shift = logw;
  let z = 1;
  const meanAcc = new Float64Array(n);
  const lastZm = new Float64Array(n);
  const corrAcc = new Float64Array(m);
  const lastZc = new Float64Array(m);
  const total = 2 ** n;
  for (let t = 1; t < total; t++) {
    const i = 31 - Math.clz32(t & -t);
    const si = s[i]!;
    meanAcc[i]! += si * (z - lastZm[i]!);
    lastZm[i] = z;
    let f = h[i]!;
    for (let q = offsets[i]!; q < offsets[i + 1]!; q++) {
      const j = indices[q]!;
      const e = csrEdge[q]!;
      const sj = s[j]!;
      f += J[e]! * sj;
      corrAcc[e]! += si * sj * (z - lastZc[e]!);
      lastZc[e] = z;
    }
    s[i] = -si as -1 | 1;
    // E changes by −2·s_i·f, so log w = −E changes by +2·s_i·f (s_i before the flip).
    logw += 2 * si * f;
    if (logw - shift > 600) {
      const scale = Math.exp(shift - logw);
      z *= scale;
      for (let a = 0; a < n; a++) {
        meanAcc[a]! *= scale;
        lastZm[a]! *= scale;
      }
      for (let e = 0; e < m; e++) {
        corrAcc[e]! *= scale;
        lastZc[e]! *= scale;
      }
      shift = logw;
    }
    z += Math.exp(logw - shift);
  }
  const mean = new Float64Array(n);
  for (let a = 0; a < n; a++) mean[a] = (meanAcc[a]! + s[a]! * (z - lastZm[a]!)) / z;
  const corr = new Float64Array(m);
  for (let e = 0; e < m; e++) corr[e] = (corrAcc[e]! + s[edgeI[e]!]! * s[edgeJ[e]!]! * (z - lastZc[e]!)) / z;
  return { logZ: shift + Math.log(z), mean, corr };
}
