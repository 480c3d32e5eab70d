// `npm run bench -- gemm`: GFLOP/s of the float32 GEMM, native vs JS, for 32², 256³ and 1024³.
import { getKernels, getThreads, jsKernels, matmul, setThreads, type Kernels } from '@cgnas/native';

import { emit, timeIt } from '../../scripts/bench-util.js';

const sizes = [32, 256, 1024];
const native = getKernels('native');
const impls: Array<[string, Kernels]> = native
  ? [
      ['native', native],
      ['js', jsKernels],
    ]
  : [['js', jsKernels]];
const maxThreads = getThreads();
const threadCounts = [...new Set([1, maxThreads])];

for (const [impl, kernels] of impls) {
  for (const n of sizes) {
    // The JS kernel at 1024³ takes minutes: measure it where it is informative.
    if (impl === 'js' && n > 256) continue;
    const a = new Float32Array(n * n).map((_, i) => Math.sin(i));
    const b = new Float32Array(n * n).map((_, i) => Math.cos(i));
    for (const threads of impl === 'native' ? threadCounts : [1]) {
      if (impl === 'native') setThreads(threads);
      const seconds = timeIt(() => matmul(n, n, n, a, b, {}, kernels), { minSeconds: 0.5 });
      emit({ bench: 'gemm', impl, n, threads, gflops: round((2 * n ** 3) / seconds / 1e9) });
    }
  }
}
if (native) setThreads(maxThreads);

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
