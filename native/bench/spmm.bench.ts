// `npm run bench -- spmm`: CSR sum-aggregation throughput (GB/s of X read, edges/s), native vs JS,
// on a random DAG shaped like a batch of computation graphs (~2 predecessors per node).
import { csrFromEdges, getKernels, getThreads, jsKernels, setThreads, spmm, type Kernels } from '@cgnas/native';

import { emit, timeIt } from '../../scripts/bench-util.js';

const nodes = 32 * 300;
const features = 32;
let s = 12345;
const rand = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
const sources: number[] = [];
const targets: number[] = [];
for (let t = 1; t < nodes; t++) {
  for (let d = 0; d < 2; d++) {
    sources.push(Math.max(0, t - 1 - Math.floor(rand() * 8)));
    targets.push(t);
  }
}
const csr = csrFromEdges(nodes, sources, targets);
const x = new Float32Array(nodes * features).map(() => rand());
const y = new Float32Array(nodes * features);
const native = getKernels('native');
const impls: Array<[string, Kernels]> = native
  ? [
      ['native', native],
      ['js', jsKernels],
    ]
  : [['js', jsKernels]];
const maxThreads = getThreads();
for (const [impl, kernels] of impls) {
  for (const threads of impl === 'native' ? [...new Set([1, maxThreads])] : [1]) {
    if (impl === 'native') setThreads(threads);
    const seconds = timeIt(() => spmm(csr, x, features, { out: y }, kernels), { minSeconds: 0.5 });
    emit({
      bench: 'spmm',
      impl,
      nodes,
      edges: sources.length,
      features,
      threads,
      edges_per_s: Math.round(sources.length / seconds),
      gflops: Math.round(((2 * sources.length * features) / seconds / 1e9) * 100) / 100,
    });
  }
}
if (native) setThreads(maxThreads);
