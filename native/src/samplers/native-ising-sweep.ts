// Adapts the C++ sweep kernel to the IsingSweepKernel contract: validates on the JS thread, maps
// the AbortSignal to a shared Int32 flag the worker thread polls between sweeps.
import type { NativeBinding } from '../binding-types.js';
import type { IsingSweepArgs, IsingSweepKernel, IsingSweepResult } from './ising-sweep-types.js';
import { validateIsingSweepArgs } from './validate-ising-sweep-args.js';

export function nativeIsingSweep(binding: NativeBinding): IsingSweepKernel {
  return {
    backend: 'native',
    sweep: async (a: IsingSweepArgs): Promise<IsingSweepResult> => {
      validateIsingSweepArgs(a);
      if (a.signal?.aborted) return { ns: 0, cpuNs: 0, sweepsDone: 0, cancelled: true };
      let cancel: Int32Array | null = null;
      const onAbort = () => {
        if (cancel) Atomics.store(cancel, 0, 1);
      };
      if (a.signal) {
        cancel = new Int32Array(new SharedArrayBuffer(4));
        a.signal.addEventListener('abort', onAbort, { once: true });
      }
      try {
        const r = await binding.isingSweep(
          a.n,
          a.offsets,
          a.indices,
          a.weights,
          a.h,
          a.chains,
          a.slices,
          a.state,
          a.classicalScale,
          a.sliceCoupling,
          a.chainScale,
          a.order,
          a.proposal === 'metropolis',
          a.seed,
          cancel,
        );
        return {
          ns: r.ns,
          cpuNs: r.cpuNs,
          sweepsDone: r.sweepsDone,
          cancelled: r.sweepsDone < a.classicalScale.length,
        };
      } finally {
        a.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
