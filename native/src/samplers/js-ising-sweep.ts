// The JS twin of the C++ sweep kernel: same semantics, float64 arithmetic, one Rng stream per
// chain. It is the fallback when the addon is missing and the oracle-by-statistics in conformance.
import { Rng } from '../random/rng.js';
import type { IsingSweepArgs, IsingSweepKernel, IsingSweepResult } from './ising-sweep-types.js';
import { validateIsingSweepArgs } from './validate-ising-sweep-args.js';

function runJsSweeps(a: IsingSweepArgs): IsingSweepResult {
  validateIsingSweepArgs(a);
  const { n, chains, slices, offsets, indices, weights, h, state } = a;
  const order = a.order ?? Int32Array.from({ length: n }, (_, i) => i);
  const rngs = Array.from({ length: chains }, (_, c) => new Rng(a.seed, c));
  const metropolis = a.proposal === 'metropolis';
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let done = 0;
  let cancelled = false;
  for (let t = 0; t < a.classicalScale.length; t++) {
    if (a.signal?.aborted) {
      cancelled = true;
      break;
    }
    const at = a.classicalScale[t]!;
    const bt = slices > 1 ? a.sliceCoupling[t]! : 0;
    for (let c = 0; c < chains; c++) {
      const rng = rngs[c]!;
      const A = at * (a.chainScale ? a.chainScale[c]! : 1);
      for (let k = 0; k < slices; k++) {
        const base = k * n;
        const up = ((k + 1) % slices) * n;
        const dn = ((k + slices - 1) % slices) * n;
        for (let x = 0; x < n; x++) {
          const i = order[x]!;
          let f = h[i]!;
          for (let e = offsets[i]!; e < offsets[i + 1]!; e++)
            f += weights[e]! * state[(base + indices[e]!) * chains + c]!;
          const tau = slices > 1 ? state[(up + i) * chains + c]! + state[(dn + i) * chains + c]! : 0;
          // z = log w(−1) − log w(+1); P(+1) = 1 / (1 + e^z).
          const z = 2 * (A * f - bt * tau);
          const idx = (base + i) * chains + c;
          const u = rng.float();
          if (metropolis) {
            const s = state[idx]!;
            if (u < Math.exp(s * z)) state[idx] = -s as -1 | 1;
          } else {
            state[idx] = u * (1 + Math.exp(z)) < 1 ? 1 : -1;
          }
        }
      }
    }
    done++;
  }
  const cpu = process.cpuUsage(cpu0);
  return {
    ns: Number(process.hrtime.bigint() - start),
    cpuNs: (cpu.user + cpu.system) * 1000,
    sweepsDone: done,
    cancelled,
  };
}

export const jsIsingSweep: IsingSweepKernel = {
  backend: 'js',
  sweep: (args) => Promise.resolve().then(() => runJsSweeps(args)),
};
