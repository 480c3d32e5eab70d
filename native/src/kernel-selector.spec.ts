import { describe, expect, it } from 'vitest';

import { kernelSelector } from './kernel-selector.js';
import { getBinding } from './load-binding.js';

describe('kernelSelector', () => {
  it('returns the JS twin for js, the native wrapper (built once per binding) otherwise, null for a missing native', () => {
    const js = { backend: 'js' };
    let wrapped = 0;
    const select = kernelSelector(js, () => ({ backend: 'native', n: ++wrapped }));
    expect(select('js')).toBe(js);
    if (getBinding()) {
      const a = select();
      expect(a).toEqual({ backend: 'native', n: 1 });
      expect(select('native')).toBe(a);
      expect(wrapped).toBe(1);
    } else {
      expect(select()).toBe(js);
      expect(select('native')).toBeNull();
      expect(wrapped).toBe(0);
    }
  });
});
