import { getThreads, setThreads } from '../threads.js';
import { describeGraphConvConformance } from '../conformance/graph-conv-conformance.js';
import { getGraphConvKernels } from './get-graph-conv-kernels.js';
import { jsGraphConvKernels } from './js-graph-conv-kernels.js';

describeGraphConvConformance('js', () => jsGraphConvKernels);
if (process.env.CGNAS_NATIVE !== '0') {
  const initial = getThreads();
  describeGraphConvConformance('native', () => getGraphConvKernels('native'), {
    twin: () => jsGraphConvKernels,
    setThreads: (t) => {
      setThreads(t);
      if (t === 2) setThreads(initial);
    },
  });
}
