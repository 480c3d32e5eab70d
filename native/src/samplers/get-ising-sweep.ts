// Picks the sweep kernel: the C++ one when the addon loaded, else the JS twin.
import type { NativeBinding } from '../binding-types.js';
import { getBinding } from '../load-binding.js';
import type { IsingSweepKernel } from './ising-sweep-types.js';
import { jsIsingSweep } from './js-ising-sweep.js';
import { nativeIsingSweep } from './native-ising-sweep.js';

let cache: { binding: NativeBinding; kernel: IsingSweepKernel } | null = null;

/** The sweep kernel for `backend`; without one, the best available. Null if native was asked for and is missing. */
export function getIsingSweep(backend?: 'js'): IsingSweepKernel;
export function getIsingSweep(backend?: 'js' | 'native'): IsingSweepKernel | null;
export function getIsingSweep(backend?: 'js' | 'native'): IsingSweepKernel | null {
  if (backend === 'js') return jsIsingSweep;
  const binding = getBinding();
  if (!binding || typeof binding.isingSweep !== 'function') return backend === 'native' ? null : jsIsingSweep;
  if (cache?.binding !== binding) cache = { binding, kernel: nativeIsingSweep(binding) };
  return cache.kernel;
}
