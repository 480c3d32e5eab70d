import { describe, expect, it } from 'vitest';

import { Rng } from '@cgnas/native';
import { BoltzmannInputError } from '../errors.js';
import { enumerateExact } from '../exact/enumerate-exact.js';
import { chimeraGraph } from '../model/chimera-graph.js';
import { completeGraph } from '../model/complete-graph.js';
import { createIsingGraph, createIsingModel, type IsingModel } from '../model/ising-model.js';
import { sampleIsing, trotterCoupling, type SampleResult } from './sample-ising.js';
import { sampleMoments } from './sample-moments.js';

const backends: Array<'js' | 'native'> = process.env.CGNAS_NATIVE === '0' ? ['js'] : ['js', 'native'];

function randomModel(graph: Parameters<typeof createIsingModel>[0], seed: number, scale: number): IsingModel {
  const rng = new Rng(seed);
  return createIsingModel(
    graph,
    Array.from({ length: graph.n }, () => rng.uniform(-scale, scale)),
    Array.from(graph.edgeI, () => rng.uniform(-scale, scale)),
  );
}

/** Largest |z| of the chain averages against exact moments (chains are independent samples). */
function maxZ(model: IsingModel, r: SampleResult, beta = 1): number {
  const scaled = createIsingModel(
    model,
    model.h.map((x) => beta * x),
    model.J.map((x) => beta * x),
  );
  const exact = enumerateExact(scaled);
  const est = sampleMoments(model, r.spins, r.chains);
  const z = (a: number, b: number) => Math.abs(a - b) / Math.sqrt(Math.max(1 - b * b, 1e-3) / r.chains);
  return Math.max(
    ...Array.from(est.mean, (v, i) => z(v, exact.mean[i]!)),
    ...Array.from(est.corr, (v, e) => z(v, exact.corr[e]!)),
  );
}

describe('sampleIsing', () => {
  const model = randomModel(chimeraGraph(2, 1), 11, 0.6);

  for (const backend of backends) {
    describe(backend, () => {
      it('Gibbs (sequential and two-colour) matches exact moments on Chimera 2×1', async () => {
        for (const order of ['sequential', 'checkerboard'] as const) {
          const r = await sampleIsing(model, { method: 'gibbs', chains: 4000, sweeps: 40, seed: 1, order, backend });
          expect(r.sweepsDone).toBe(40);
          expect(maxZ(model, r)).toBeLessThan(5);
        }
      });

      it('SA cools towards the Gibbs distribution at its final β, and reports the schedule used', async () => {
        // A pure anneal freezes out slightly before its last β, so this bounds the bias loosely
        // (independent random states are off by ~0.5) rather than asking for exact equilibrium.
        const r = await sampleIsing(model, {
          method: 'sa',
          chains: 4000,
          sweeps: 300,
          seed: 2,
          beta: 1.5,
          betaStart: 0.1,
          backend,
        });
        expect(r.schedule.beta[0]).toBeCloseTo(0.1, 12);
        expect(r.schedule.beta[299]).toBeCloseTo(1.5, 12);
        const exact = enumerateExact(
          createIsingModel(
            model,
            model.h.map((x) => 1.5 * x),
            model.J.map((x) => 1.5 * x),
          ),
        );
        const est = sampleMoments(model, r.spins, r.chains);
        const err = Math.max(
          ...Array.from(est.corr, (v, e) => Math.abs(v - exact.corr[e]!)),
          ...Array.from(est.mean, (v, i) => Math.abs(v - exact.mean[i]!)),
        );
        expect(err).toBeLessThan(0.08);
      });

      it('parallel tempering matches exact moments at the target β', async () => {
        const r = await sampleIsing(model, {
          method: 'pt',
          chains: 2000,
          sweeps: 40,
          seed: 3,
          replicas: 4,
          betaMin: 0.3,
          backend,
        });
        expect(r.swapRate).toBeGreaterThan(0.2);
        expect(maxZ(model, r)).toBeLessThan(5);
      });

      it('sweeps = 0 returns the initial states unchanged', async () => {
        const initial = Int8Array.from({ length: 16 * 7 }, (_, x) => (x % 3 ? 1 : -1));
        for (const method of ['gibbs', 'sa', 'sqa', 'pt'] as const) {
          const r = await sampleIsing(model, { method, chains: 7, sweeps: 0, seed: 4, initial, backend });
          expect(Array.from(r.spins)).toEqual(Array.from(initial));
        }
      });
    });
  }

  it('the Trotter coupling is ferromagnetic and recovers classical Gibbs at β as Γ → 0 (exact, layered model)', () => {
    expect(trotterCoupling(1, 0.01, 4)).toBeGreaterThan(0);
    const base = randomModel(completeGraph(4), 5, 0.8);
    const beta = 1.3;
    const P = 3;
    const layered = (gamma: number) => {
      const jp = trotterCoupling(beta, gamma, P);
      const edges: Array<[number, number]> = [];
      const J: number[] = [];
      for (let k = 0; k < P; k++) {
        base.edgeI.forEach((i, e) => {
          edges.push([k * 4 + i, k * 4 + base.edgeJ[e]!]);
          J.push((beta / P) * base.J[e]!);
        });
        for (let i = 0; i < 4; i++) {
          edges.push([k * 4 + i, ((k + 1) % P) * 4 + i]);
          J.push(-jp); // E gets −J⊥ s s: aligned slices are favoured
        }
      }
      const graph = createIsingGraph(4 * P, edges);
      const key = new Map(edges.map(([a, b], q) => [`${Math.min(a, b)},${Math.max(a, b)}`, J[q]!]));
      const h = Array.from({ length: 4 * P }, (_, q) => (beta / P) * base.h[q % 4]!);
      return enumerateExact(
        createIsingModel(
          graph,
          h,
          Array.from(graph.edgeI, (a, e) => key.get(`${a},${graph.edgeJ[e]}`)!),
        ),
      );
    };
    const classical = enumerateExact(
      createIsingModel(
        base,
        base.h.map((x) => beta * x),
        base.J.map((x) => beta * x),
      ),
    );
    const cold = layered(1e-6);
    for (let i = 0; i < 4; i++) expect(cold.mean[i]).toBeCloseTo(classical.mean[i]!, 6);
    const hot = layered(2);
    expect(Math.max(...Array.from(classical.mean, (m, i) => Math.abs(m - hot.mean[i]!)))).toBeGreaterThan(0.02);
  });

  it('an abort signal stops a long native or JS run between sweeps', async () => {
    const controller = new AbortController();
    const big = randomModel(chimeraGraph(4), 6, 1);
    const run = sampleIsing(big, {
      method: 'gibbs',
      chains: 256,
      sweeps: 200_000,
      seed: 1,
      chunk: 100,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const r = await run;
    expect(r.cancelled).toBe(true);
    expect(r.sweepsDone).toBeLessThan(200_000);
  });

  it('rejects bad options with BoltzmannInputError', async () => {
    const odd = randomModel(completeGraph(3), 1, 1);
    await expect(
      sampleIsing(odd, { method: 'gibbs', chains: 2, sweeps: 1, seed: 1, order: 'checkerboard' }),
    ).rejects.toBeInstanceOf(BoltzmannInputError);
    await expect(sampleIsing(odd, { method: 'sqa', chains: 2, sweeps: 1, seed: 1, slices: 1 })).rejects.toBeInstanceOf(
      BoltzmannInputError,
    );
    await expect(sampleIsing(odd, { method: 'gibbs', chains: 0, sweeps: 1, seed: 1 })).rejects.toBeInstanceOf(
      BoltzmannInputError,
    );
    await expect(sampleIsing(odd, { method: 'pt', chains: 2, sweeps: 1, seed: 1, betaMin: 2 })).rejects.toBeInstanceOf(
      BoltzmannInputError,
    );
  });
});
