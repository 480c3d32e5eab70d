import { describe, expect, it } from 'vitest';

import { nb201Encoding } from '../encoding/nb201-encoding.js';
import type { BlockArch } from '../encoding/space-encoding.js';
import { blockProfile } from './block-profile.js';
import { blockProfileAsync } from './block-profile-async.js';

const cost = (a: BlockArch): number => a.blocks.reduce((s, b, p) => s + (p + 1) * b * b, 0);

describe('blockProfileAsync', () => {
  it('measures one architecture at a time and equals the synchronous profile for the same seed', async () => {
    let inFlight = 0;
    let progress = 0;
    const asyncProfile = await blockProfileAsync(
      nb201Encoding,
      [{ name: 'cost', sense: 'min' }],
      async (a) => {
        inFlight++;
        expect(inFlight).toBe(1);
        await Promise.resolve();
        inFlight--;
        return [cost(a)];
      },
      { n: 20, seed: 3, onProgress: (done) => (progress = done) },
    );
    const syncProfile = blockProfile(
      nb201Encoding,
      [{ name: 'cost', sense: 'min' }],
      (archs) => archs.map((a) => [cost(a)]),
      { n: 20, seed: 3 },
    );
    expect(asyncProfile).toEqual(syncProfile);
    expect(progress).toBe(1 + 6 * 5);
  });
});
