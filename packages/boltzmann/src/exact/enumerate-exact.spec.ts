import { describe, expect, it } from 'vitest';

import { BoltzmannInputError } from '../errors.js';
import { chimeraGraph } from '../model/chimera-graph.js';
import { completeGraph } from '../model/complete-graph.js';
import { createIsingModel, isingEnergy, type IsingModel } from '../model/ising-model.js';
import { latticeGraph } from '../model/lattice-graph.js';
import { isingEnumerateNative, NativeInputError, Rng } from '@cgnas/native';
import { enumerateExact } from './enumerate-exact.js';
import { klDivergence } from './kl-divergence.js';

/** Independent reference: plain loop over all states with explicit energies. */
function bruteForce(model: IsingModel) {
  const states = 2 ** model.n;
  const logws: number[] = [];
  const s = new Int8Array(model.n);
  for (let x = 0; x < states; x++) {
    for (let i = 0; i < model.n; i++) s[i] = (x >> i) & 1 ? 1 : -1;
    logws.push(-isingEnergy(model, s));
  }
  const max = Math.max(...logws);
  let z = 0;
  const mean = new Float64Array(model.n);
  const corr = new Float64Array(model.J.length);
  logws.forEach((lw, x) => {
    const w = Math.exp(lw - max);
    z += w;
    for (let i = 0; i < model.n; i++) mean[i]! += ((x >> i) & 1 ? 1 : -1) * w;
    for (let e = 0; e < model.J.length; e++) {
      corr[e]! += (((x >> model.edgeI[e]!) & 1) === ((x >> model.edgeJ[e]!) & 1) ? 1 : -1) * w;
    }
  });
  return { logZ: max + Math.log(z), mean: mean.map((v) => v / z), corr: corr.map((v) => v / z) };
}

function randomModel(graph: Parameters<typeof createIsingModel>[0], seed: number, scale = 1): IsingModel {
  const rng = new Rng(seed);
  return createIsingModel(
    graph,
    Array.from({ length: graph.n }, () => rng.uniform(-scale, scale)),
    Array.from(graph.edgeI, () => rng.uniform(-scale, scale)),
  );
}

describe('enumerateExact', () => {
  const cases: Array<[string, IsingModel]> = [
    ['Chimera(1)', randomModel(chimeraGraph(1), 1)],
    ['3×4 lattice', randomModel(latticeGraph(3, 4), 2)],
    ['K7', randomModel(completeGraph(7), 3)],
    ['strong couplings (scale 40)', randomModel(chimeraGraph(1), 4, 40)],
  ];
  const backends: Array<'js' | 'native'> = process.env.CGNAS_NATIVE === '0' ? ['js'] : ['js', 'native'];
  cases.push(['Chimera 2×1 (n = 16)', randomModel(chimeraGraph(2, 1), 8)]);
  cases.push(['4×4 lattice, strong (n = 16)', randomModel(latticeGraph(4, 4), 9, 5)]);
  for (const [name, model] of cases)
    for (const backend of backends) {
      it(`${backend} matches brute force on ${name}`, () => {
        const got = enumerateExact(model, { backend });
        const ref = bruteForce(model);
        expect(got.logZ).toBeCloseTo(ref.logZ, 9);
        got.mean.forEach((v, i) => expect(v).toBeCloseTo(ref.mean[i]!, 9));
        got.corr.forEach((v, e) => expect(v).toBeCloseTo(ref.corr[e]!, 9));
      });
    }

  it.skipIf(process.env.CGNAS_NATIVE === '0')('native agrees with the JS Gray-code enumeration at n = 20', () => {
    const model = randomModel(latticeGraph(4, 5), 10, 1.5);
    const js = enumerateExact(model, { backend: 'js' });
    const native = enumerateExact(model, { backend: 'native' });
    expect(native.logZ).toBeCloseTo(js.logZ, 9);
    native.mean.forEach((v, i) => expect(v).toBeCloseTo(js.mean[i]!, 9));
    native.corr.forEach((v, e) => expect(v).toBeCloseTo(js.corr[e]!, 9));
  });

  // The native kernel sums the low block through its boundary spins; force every kind of split
  // (no high block, a boundary narrower and wider than one vector of 8, all low spins on the
  // boundary, one low spin) and check each against the brute-force loop.
  describe.skipIf(process.env.CGNAS_NATIVE === '0')('native low/high splits', () => {
    const models: Array<[string, IsingModel]> = [
      ['Chimera 2×1 (n = 16)', randomModel(chimeraGraph(2, 1), 11)],
      ['K12 (every low spin on the boundary)', randomModel(completeGraph(12), 12)],
      ['3×5 lattice, strong (scale 30: shift rescaling)', randomModel(latticeGraph(3, 5), 13, 30)],
    ];
    for (const [name, model] of models) {
      const ref = bruteForce(model);
      for (const lowSpins of [1, 3, 6, 9, model.n - 1, model.n, 0]) {
        it(`matches brute force on ${name} with ${lowSpins || 'auto'} low spins`, () => {
          const got = isingEnumerateNative(model, { lowSpins })!;
          expect(got.logZ).toBeCloseTo(ref.logZ, 9);
          got.mean.forEach((v, i) => expect(v).toBeCloseTo(ref.mean[i]!, 9));
          got.corr.forEach((v, e) => expect(v).toBeCloseTo(ref.corr[e]!, 9));
        });
      }
    }
    it('rejects a split outside [0, n]', () => {
      const model = randomModel(latticeGraph(2, 2), 1);
      expect(() => isingEnumerateNative(model, { lowSpins: 5 })).toThrow(NativeInputError);
    });
  });

  it('gives log Z = n log 2 for the zero model and rejects n > 28', () => {
    const zero = createIsingModel(latticeGraph(2, 5), new Float64Array(10), new Float64Array(13));
    expect(enumerateExact(zero).logZ).toBeCloseTo(10 * Math.log(2), 12);
    const big = createIsingModel(latticeGraph(5, 6), new Float64Array(30), new Float64Array(49));
    expect(() => enumerateExact(big)).toThrow(BoltzmannInputError);
  });

  it('KL is zero for identical models, positive otherwise, and equals the direct sum', () => {
    const p = randomModel(latticeGraph(2, 3), 5);
    const q = randomModel(latticeGraph(2, 3), 6);
    const mp = enumerateExact(p);
    const mq = enumerateExact(q);
    expect(klDivergence(p, mp, p, mp.logZ)).toBeCloseTo(0, 12);
    let direct = 0;
    const s = new Int8Array(6);
    for (let x = 0; x < 64; x++) {
      for (let i = 0; i < 6; i++) s[i] = (x >> i) & 1 ? 1 : -1;
      const lp = -isingEnergy(p, s) - mp.logZ;
      const lq = -isingEnergy(q, s) - mq.logZ;
      direct += Math.exp(lp) * (lp - lq);
    }
    expect(klDivergence(p, mp, q, mq.logZ)).toBeCloseTo(direct, 10);
    expect(direct).toBeGreaterThan(0);
  });
});
