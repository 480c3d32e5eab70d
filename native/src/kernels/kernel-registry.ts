// Picks the kernel implementation: the C++ engine when it loaded, else the JS twin.
import { getBinding } from '../load-binding.js';
import { jsKernels } from './js-kernels.js';
import type { KernelBackendName, Kernels } from './kernel-types.js';
import { nativeKernels } from './native-kernels.js';
import type { NativeBinding } from '../binding-types.js';

let nativeCache: { binding: NativeBinding; kernels: Kernels } | null = null;

/** Kernels for `backend` ('native' | 'js'); without an argument, the best available. Null if native is missing. */
export function getKernels(backend?: 'js'): Kernels;
export function getKernels(backend?: KernelBackendName): Kernels | null;
export function getKernels(backend?: KernelBackendName): Kernels | null {
  if (backend === 'js') return jsKernels;
  const binding = getBinding();
  if (!binding) return backend === 'native' ? null : jsKernels;
  if (nativeCache?.binding !== binding) nativeCache = { binding, kernels: nativeKernels(binding) };
  return nativeCache.kernels;
}
