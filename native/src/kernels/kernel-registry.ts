// Picks the kernel implementation: the C++ engine when it loaded, else the JS twin.
import { kernelSelector } from '../kernel-selector.js';
import { jsKernels } from './js-kernels.js';
import type { Kernels } from './kernel-types.js';
import { nativeKernels } from './native-kernels.js';

/** Kernels for 'native' or 'js'; without an argument, the best available. Null if native is missing. */
export const getKernels = kernelSelector<Kernels>(jsKernels, nativeKernels);
