import { describe, expect, it } from 'vitest';

import { describeKernelConformance } from './conformance/kernel-conformance.js';
import { getKernels } from './kernels/kernel-registry.js';
import { jsKernels } from './kernels/js-kernels.js';
import { hasNative, nativeStatus } from './load-binding.js';

const nativeWanted = process.env.CGNAS_NATIVE !== '0';

describe('native addon presence', () => {
  it(nativeWanted ? 'loads the C++ addon (built by npm ci)' : 'uses the JS kernels when CGNAS_NATIVE=0', () => {
    expect(hasNative(), nativeStatus().reason ?? '').toBe(nativeWanted);
  });
});

describeKernelConformance('js', () => jsKernels);
if (nativeWanted) describeKernelConformance('native', () => getKernels('native'));
