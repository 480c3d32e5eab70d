import { describeLayerConformance } from '../conformance/layer-conformance.js';
import { getThreads, setThreads } from '../threads.js';
import { getLayerKernels } from './get-layer-kernels.js';
import { jsLayerKernels } from './js-layer-kernels.js';

describeLayerConformance('js', () => jsLayerKernels);
if (process.env.CGNAS_NATIVE !== '0') {
  const initial = getThreads();
  describeLayerConformance('native', () => getLayerKernels('native'), {
    twin: () => jsLayerKernels,
    setThreads: (t) => {
      setThreads(t);
      if (t === 2) setThreads(initial);
    },
  });
}
