// Picks the graph-convolution kernels: the C++ engine when it loaded, else the JS twin.
import type { NativeBinding } from '../binding-types.js';
import { getBinding } from '../load-binding.js';
import type { GraphConvBackendName, GraphConvKernels } from './graph-conv-kernels.js';
import { jsGraphConvKernels } from './js-graph-conv-kernels.js';
import { nativeGraphConvKernels } from './native-graph-conv-kernels.js';

let cache: { binding: NativeBinding; kernels: GraphConvKernels } | null = null;

/** Kernels for `backend`; without one, the best available. Null when 'native' is asked for but missing. */
export function getGraphConvKernels(backend?: 'js'): GraphConvKernels;
export function getGraphConvKernels(backend?: GraphConvBackendName): GraphConvKernels | null;
export function getGraphConvKernels(backend?: GraphConvBackendName): GraphConvKernels | null {
  if (backend === 'js') return jsGraphConvKernels;
  const binding = getBinding();
  if (!binding) return backend === 'native' ? null : jsGraphConvKernels;
  if (cache?.binding !== binding) cache = { binding, kernels: nativeGraphConvKernels(binding) };
  return cache.kernels;
}
