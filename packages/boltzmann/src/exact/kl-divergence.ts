// KL(P_target ‖ P_model) for two Ising models on one graph, from exact log Z's and the target's
// moments: KL = log Z_model − log Z_target + Σ_θ (θ_model − θ_target)·⟨φ⟩_target, since
// log P(s) = −θ·φ(s) − log Z with φ = (s_i, s_i s_j).
import { BoltzmannInputError } from '../errors.js';
import type { IsingModel } from '../model/ising-model.js';
import type { IsingMoments } from './ising-moments.js';

export function klDivergence(
  target: IsingModel,
  targetMoments: IsingMoments,
  model: IsingModel,
  modelLogZ: number,
): number {
  if (target.n !== model.n || target.J.length !== model.J.length) {
    throw new BoltzmannInputError(
      `boltzmann.klDivergence: Expected models on the same graph but received n = ${target.n}/${model.n}, edges = ${target.J.length}/${model.J.length}`,
    );
  }
  let kl = modelLogZ - targetMoments.logZ;
  for (let i = 0; i < model.n; i++) kl += (model.h[i]! - target.h[i]!) * targetMoments.mean[i]!;
  for (let e = 0; e < model.J.length; e++) kl += (model.J[e]! - target.J[e]!) * targetMoments.corr[e]!;
  return Math.max(0, kl);
}
