// Adapts the addon's raw layer functions (native/cpp/batch_norm_train.cc, relu.cc, avg_pool.cc) to LayerKernels.
import type { NativeBinding } from '../binding-types.js';
import type { LayerKernels, PoolGeometry } from './layer-kernels.js';

function geometryOf(g: PoolGeometry): Int32Array {
  return Int32Array.of(g.n, g.h, g.w, g.c, g.kh, g.kw, g.strideH, g.strideW, g.padTop, g.padLeft, g.outH, g.outW);
}

export function nativeLayerKernels(binding: NativeBinding): LayerKernels {
  return {
    backend: 'native',
    batchNormTrainForward: (a) => binding.batchNormTrainForward(a.rows, a.channels, a.epsilon, a.x, a.y, a.invStd),
    batchNormTrainBackward: (a) => binding.batchNormTrainBackward(a.rows, a.channels, a.y, a.invStd, a.dy, a.dx),
    reluForward: (x, y) => binding.reluForward(x, y),
    reluBackward: (y, dy, dx) => binding.reluBackward(y, dy, dx),
    avgPoolForward: (a) => binding.avgPoolForward(geometryOf(a), a.x, a.y),
    avgPoolBackward: (a) => binding.avgPoolBackward(geometryOf(a), a.dy, a.dx),
  };
}
