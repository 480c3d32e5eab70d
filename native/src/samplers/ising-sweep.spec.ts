import { describe, expect, it } from 'vitest';

import { describeSamplerConformance } from '../conformance/sampler-conformance.js';
import { getBinding } from '../load-binding.js';
import { getIsingSweep } from './get-ising-sweep.js';
import { jsIsingSweep } from './js-ising-sweep.js';

const nativeWanted = process.env.CGNAS_NATIVE !== '0';

describeSamplerConformance('js', () => jsIsingSweep);
if (nativeWanted) {
  describeSamplerConformance('native', () => getIsingSweep('native'));

  describe('native fast exp', () => {
    it('is within 1e-6 relative of Math.exp on [-80, 80]', () => {
      const x = Float32Array.from({ length: 4001 }, (_, i) => -80 + i * 0.04);
      const out = new Float32Array(x.length);
      getBinding()!.isingExpSelfTest(x, out);
      let worst = 0;
      x.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(out[i]! / Math.exp(v) - 1));
      });
      expect(worst).toBeLessThan(1e-6);
    });
  });
}
