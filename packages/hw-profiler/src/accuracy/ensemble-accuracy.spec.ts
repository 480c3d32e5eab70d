import { graphCost, loadHelpOfaMbv3, ofaMbv3Family } from '@cgnas/cg-core';
import { cgEncoderFactory, GennapeEnsemble, loadFamily } from '@cgnas/ensemble';
import { describe, expect, it } from 'vitest';

import { fbnetEncoding } from '../encoding/fbnet-encoding.js';
import { ofaBlockArch } from '../encoding/ofa-mbv3-encoding.js';
import { HwInputError } from '../errors.js';
import { ensembleAccuracy } from './ensemble-accuracy.js';

const TINY = {
  members: ['cl-t'] as const,
  training: { epochs: 1, batchSize: 32, learningRate: 1e-3, rankWeight: 1, seed: 0 },
};

describe('ensembleAccuracy', () => {
  it(
    'predicts OFA-MBv3 subnets exactly as the ensemble does on graphs built from HELP records',
    { timeout: 300_000 },
    async () => {
      const nets = loadFamily('nb201', { limit: 60, seed: 1 });
      const ens = await GennapeEnsemble.train(
        cgEncoderFactory('cg-features'),
        { inputs: nets.map((n) => n.input), accuracy: nets.map((n) => n.accuracy), gflops: nets.map((n) => n.gflops) },
        TINY,
      );
      try {
        const m = await ensembleAccuracy('ofa-mbv3', { ensemble: ens, source: 'a test ensemble' });
        expect(m.label).toMatch(/^predicted accuracy/);
        expect(m.label).toMatch(/ofa-mbv3 has no measured accuracy/);
        // HELP records keep real ks/e values in inactive slots; the block view drops them.
        const recs = loadHelpOfaMbv3().slice(0, 6);
        const archs = recs.map((r) => ofaBlockArch(r.arch.ks, r.arch.e, r.arch.d, r.arch.r));
        const graphs = recs.map((r) => ofaMbv3Family.toGraph(ofaMbv3Family.parse(r.arch)));
        const ref = ens.predict(
          graphs,
          graphs.map((g) => graphCost(g).macs / 1e9),
        ).accuracy!;
        const got = m.predict(archs);
        got.forEach((v, i) => expect(v).toBeCloseTo(ref[i]!, 4));
        expect(new Set(Array.from(got)).size).toBeGreaterThan(1);
        // Cached: the same values again.
        expect(Array.from(m.predict(archs.slice().reverse()))).toEqual(Array.from(got).reverse());
        m.dispose();
        await expect(ensembleAccuracy('nb201', { ensemble: ens })).rejects.toThrow(HwInputError);
      } finally {
        ens.dispose();
      }
    },
  );

  it('trains its own ensemble on the benchmark families when given none', { timeout: 300_000 }, async () => {
    const m = await ensembleAccuracy('fbnet', { epochs: 1, limits: { nb101: 30, nb201: 30, nb301: 30 } });
    expect(m.label).toMatch(/trained here on 90 NB-101\/NB-201\/NB-301 networks/);
    const v = m.predict([
      fbnetEncoding.parse(Array(22).fill('k3_e1').join(' ')),
      fbnetEncoding.parse(Array(22).fill('k5_e6').join(' ')),
    ]);
    expect(v.every(Number.isFinite)).toBe(true);
    expect(v[0]).not.toBe(v[1]);
    m.dispose();
    await expect(ensembleAccuracy('fbnet', { epochs: 0 })).rejects.toThrow(HwInputError);
  });
});
