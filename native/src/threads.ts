// Thread count of the native kernels. CGNAS_THREADS caps it at start-up; setThreads changes it.
import { getBinding } from './load-binding.js';
import { NativeInputError } from './errors.js';

/** Threads the native kernels use (1 when the JS kernels are in use: they are single-threaded). */
export function getThreads(): number {
  return getBinding()?.getThreads() ?? 1;
}

/** Sets the native kernels' thread count (1..64); returns the value in force. */
export function setThreads(threads: number): number {
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new NativeInputError(`native.setThreads: Expected an integer in [1, 64] for threads but received ${threads}`);
  }
  return getBinding()?.setThreads(threads) ?? 1;
}
