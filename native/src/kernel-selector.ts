// The one way each kernel family (BLAS-like, graph convolution, layers) picks its implementation: the C++
// engine when the addon loaded, else the JS twin; the native kernels are wrapped once per binding.
import type { NativeBinding } from './binding-types.js';
import { getBinding } from './load-binding.js';

export type BackendName = 'native' | 'js';

/** Kernels for `backend`; without one, the best available. Null when 'native' is asked for but missing. */
export interface KernelSelector<K> {
  (backend?: 'js'): K;
  (backend?: BackendName): K | null;
}

export function kernelSelector<K>(js: K, native: (binding: NativeBinding) => K): KernelSelector<K> {
  let cache: { binding: NativeBinding; kernels: K } | null = null;
  return ((backend?: BackendName): K | null => {
    if (backend === 'js') return js;
    const binding = getBinding();
    if (!binding) return backend === 'native' ? null : js;
    if (cache?.binding !== binding) cache = { binding, kernels: native(binding) };
    return cache.kernels;
  }) as KernelSelector<K>;
}
