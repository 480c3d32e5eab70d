import { describe, expect, it } from 'vitest';

import { describeSamplerConformance } from '../conformance/sampler-conformance.js';
import { getBinding } from '../load-binding.js';
import { getIsingSweep } from './get-ising-sweep.js';
import { jsIsingSweep } from './js-ising-sweep.js';

const nativeWanted = process.env.CGNAS_NATIVE !== '0';

describeSamplerConformance('js', () => jsIsingSweep);
if (nativeWanted) {
  describeSamplerConformance('native', () => getIsingSweep('native'));

  describe('native fast exp2', () => {
    // The sweep works in base 2 (log2 e folded into β), so its primitive is 2^x; cover the range
    // where it is finite and normal, plus a saturating tail, and the fractional points ±0.5 where
    // the polynomial is at the ends of its interval.
    it('is within 1e-6 relative of 2 ** x on [-120, 120]', () => {
      const x = Float32Array.from({ length: 6001 }, (_, i) => -120 + i * 0.04);
      const out = new Float32Array(x.length);
      getBinding()!.isingExpSelfTest(x, out);
      let worst = 0;
      x.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(out[i]! / 2 ** v - 1));
      });
      expect(worst).toBeLessThan(1e-6);
    });

    it('saturates to 0 and Infinity far outside the float range', () => {
      const out = new Float32Array(2);
      getBinding()!.isingExpSelfTest(Float32Array.from([-400, 400]), out);
      expect(out[0]).toBe(0);
      expect(out[1]).toBe(Infinity);
    });
  });
}
