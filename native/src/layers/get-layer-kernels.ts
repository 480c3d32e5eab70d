// Picks the layer kernels: the C++ engine when it loaded, else the JS twin.
import type { NativeBinding } from '../binding-types.js';
import { getBinding } from '../load-binding.js';
import { jsLayerKernels } from './js-layer-kernels.js';
import type { LayerBackendName, LayerKernels } from './layer-kernels.js';
import { nativeLayerKernels } from './native-layer-kernels.js';

let cache: { binding: NativeBinding; kernels: LayerKernels } | null = null;

/** Kernels for `backend`; without one, the best available. Null when 'native' is asked for but missing. */
export function getLayerKernels(backend?: 'js'): LayerKernels;
export function getLayerKernels(backend?: LayerBackendName): LayerKernels | null;
export function getLayerKernels(backend?: LayerBackendName): LayerKernels | null {
  if (backend === 'js') return jsLayerKernels;
  const binding = getBinding();
  if (!binding) return backend === 'native' ? null : jsLayerKernels;
  if (cache?.binding !== binding) cache = { binding, kernels: nativeLayerKernels(binding) };
  return cache.kernels;
}
