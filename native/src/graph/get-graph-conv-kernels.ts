// Picks the graph-convolution kernels: the C++ engine when it loaded, else the JS twin.
import { kernelSelector } from '../kernel-selector.js';
import type { GraphConvKernels } from './graph-conv-kernels.js';
import { jsGraphConvKernels } from './js-graph-conv-kernels.js';
import { nativeGraphConvKernels } from './native-graph-conv-kernels.js';

/** Kernels for 'native' or 'js'; without an argument, the best available. Null if native is missing. */
export const getGraphConvKernels = kernelSelector<GraphConvKernels>(jsGraphConvKernels, nativeGraphConvKernels);
