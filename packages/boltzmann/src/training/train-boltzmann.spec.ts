import { describe, expect, it } from 'vitest';

import { BoltzmannInputError } from '../errors.js';
import { targetModel } from './target-models.js';
import { trainBoltzmann } from './train-boltzmann.js';

describe('trainBoltzmann', () => {
  const target = targetModel('easy', { L: 1, seed: 3 });

  it('with the exact gradient drives KL to the target towards zero, with zero gradient error', async () => {
    const r = await trainBoltzmann(target, { estimator: 'exact', iterations: 60, seed: 1, learningRate: 0.5 });
    expect(r.history[0]!.kl).toBeGreaterThan(0.1);
    expect(r.finalKl).toBeLessThan(r.history[0]!.kl / 10);
    expect(r.meanGradError).toBe(0);
    for (let t = 1; t < r.history.length; t++)
      expect(r.history[t]!.kl).toBeLessThanOrEqual(r.history[t - 1]!.kl + 1e-12);
  });

  for (const estimator of ['pcd', 'cd', 'sa', 'raw-sqa'] as const) {
    it(`${estimator} lowers KL and reports a positive gradient error and its sweeps`, async () => {
      const r = await trainBoltzmann(target, {
        estimator,
        iterations: 15,
        seed: 2,
        learningRate: 0.3,
        chains: 300,
        k: 5,
        annealSweeps: 20,
        dataSweeps: 200,
      });
      expect(r.history).toHaveLength(16);
      expect(r.finalKl).toBeLessThan(r.history[0]!.kl / 2);
      expect(r.meanGradError).toBeGreaterThan(0);
      expect(r.history[15]!.sweeps).toBeGreaterThan(0);
      expect(r.k).toBe(estimator === 'raw-sqa' ? 0 : 5);
    });
  }

  it('builds hard targets with ferromagnetic cells and rejects bad options', async () => {
    const hard = targetModel('hard', { L: 2, seed: 1, cellStrength: 2 });
    hard.edgeI.forEach((i, e) => {
      if (Math.floor(i / 8) === Math.floor(hard.edgeJ[e]! / 8)) expect(hard.J[e]).toBe(-2);
    });
    await expect(trainBoltzmann(target, { estimator: 'exact', iterations: -1, seed: 1 })).rejects.toBeInstanceOf(
      BoltzmannInputError,
    );
    await expect(trainBoltzmann(target, { estimator: 'nope' as 'cd', iterations: 1, seed: 1 })).rejects.toBeInstanceOf(
      BoltzmannInputError,
    );
  });
});
