// Picks the layer kernels: the C++ engine when it loaded, else the JS twin.
import { kernelSelector } from '../kernel-selector.js';
import { jsLayerKernels } from './js-layer-kernels.js';
import type { LayerKernels } from './layer-kernels.js';
import { nativeLayerKernels } from './native-layer-kernels.js';

/** Kernels for 'native' or 'js'; without an argument, the best available. Null if native is missing. */
export const getLayerKernels = kernelSelector<LayerKernels>(jsLayerKernels, nativeLayerKernels);
