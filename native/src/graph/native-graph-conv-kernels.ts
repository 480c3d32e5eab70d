// Adapts the addon's raw graph-convolution functions (native/cpp/graph_conv.cc) to GraphConvKernels.
import type { NativeBinding } from '../binding-types.js';
import type { GraphConvKernels, GraphEncoderDims } from './graph-conv-kernels.js';

function dimsOf(d: GraphEncoderDims): Int32Array {
  return Int32Array.of(d.n, d.graphs, d.width, d.layers, d.embedRows, d.embedCols, d.shapeDim);
}

export function nativeGraphConvKernels(binding: NativeBinding): GraphConvKernels {
  return {
    backend: 'native',
    graphConvForward: (a) =>
      binding.graphConvForward(Int32Array.of(a.n, a.fin, a.fout), a.predPtr, a.predIdx, a.x, a.params, a.y),
    graphConvBackward: (a) =>
      binding.graphConvBackward(
        Int32Array.of(a.n, a.fin, a.fout),
        a.predPtr,
        a.predIdx,
        a.succPtr,
        a.succIdx,
        a.x,
        a.params,
        a.y,
        a.dy,
        a.dx,
        a.dparams,
      ),
    graphEncoderForward: (a) =>
      binding.graphEncoderForward(
        dimsOf(a),
        a.predPtr,
        a.predIdx,
        a.graphOffsets,
        a.embedIdx,
        a.shape,
        a.table,
        a.proj,
        a.convs,
        a.masks,
        a.acts,
        a.pooled,
      ),
    graphEncoderBackward: (a) =>
      binding.graphEncoderBackward(
        dimsOf(a),
        a.predPtr,
        a.predIdx,
        a.succPtr,
        a.succIdx,
        a.graphOffsets,
        a.embedIdx,
        a.shape,
        a.convs,
        a.masks,
        a.acts,
        a.dPooled,
        a.dTable,
        a.dProj,
        a.dConvs,
      ),
  };
}
