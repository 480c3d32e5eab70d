// Monte Carlo estimates of the sufficient statistics from chain-major samples.
import type { IsingModel } from '../model/ising-model.js';

export function sampleMoments(
  model: IsingModel,
  spins: Int8Array,
  chains: number,
): { mean: Float64Array; corr: Float64Array } {
  const mean = new Float64Array(model.n);
  const corr = new Float64Array(model.J.length);
  for (let i = 0; i < model.n; i++) {
    let s = 0;
    for (let c = 0; c < chains; c++) s += spins[i * chains + c]!;
    mean[i] = s / chains;
  }
  for (let e = 0; e < model.J.length; e++) {
    const ri = model.edgeI[e]! * chains;
    const rj = model.edgeJ[e]! * chains;
    let s = 0;
    for (let c = 0; c < chains; c++) s += spins[ri + c]! * spins[rj + c]!;
    corr[e] = s / chains;
  }
  return { mean, corr };
}
