// Exact inference entry point: Gray-code enumeration for small models, variable elimination in
// index order otherwise (exact for Chimera(L ≤ 4), whose index order has frontier 4L + 4).
import type { IsingModel } from '../model/ising-model.js';
import { eliminateExact } from './eliminate-exact.js';
import { enumerateExact } from './enumerate-exact.js';
import type { IsingMoments } from './ising-moments.js';

/** Spins up to which enumeration is used (it beats elimination's table overheads there). */
export const ENUMERATION_LIMIT = 18;

export function exactMoments(model: IsingModel, options: { moments?: boolean } = {}): IsingMoments {
  if (model.n <= ENUMERATION_LIMIT) return enumerateExact(model);
  return eliminateExact(model, { moments: options.moments ?? true });
}
