// Warm-up until steady state: a JIT runtime (tfjs's JS and wasm kernels) keeps getting faster for tens
// of runs while V8 tiers its code up, so a fixed count either wastes time or times the first session
// of a process cold. Runs go in windows; warm-up stops once the best window median has not improved for
// a few windows (early stopping), after at least `warmup` runs and at most max(warmup, maxWarmup).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import type { LiveSession } from './live-session.js';

/** Runs per window: the median of a window ignores a single preempted or GC-hit run. */
export const WARMUP_WINDOW = 5;
/** Windows without a new best before warm-up stops. */
export const WARMUP_PATIENCE = 3;
/** A window counts as a new best only when it is this much faster than the previous best. */
export const WARMUP_TOLERANCE = 0.02;

export interface WarmUp {
  /** Untimed runs made. */
  readonly runs: number;
  /** Whether a full GC ran afterwards (collectHeap), so every session starts timing on a collected heap. */
  readonly heapCollected: boolean;
}

/** CPU time (ms, user + system of this process) of one run: unlike wall time, preemption does not inflate it. */
export async function cpuTimeOf(run: () => Promise<void>): Promise<number> {
  const c0 = process.cpuUsage();
  await run();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

function median(values: readonly number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

let runtimeGc: (() => void) | null | undefined;

/**
 * V8's full GC: `globalThis.gc` when node runs with --expose-gc, otherwise one obtained at run time (the
 * flag is set, then a fresh context carries `gc`; V8 reads the flag when it creates a context). Null if
 * this V8 refuses both.
 */
function fullGc(): (() => void) | null {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  if (runtimeGc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      runtimeGc = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      runtimeGc = null;
    }
  }
  return runtimeGc;
}

/** Full GC (see fullGc), so garbage left by setup or earlier runs is not collected inside a timed run. */
export function collectHeap(): boolean {
  const gc = fullGc();
  if (!gc) return false;
  gc();
  return true;
}

/**
 * Untimed runs of `session` until its per-run cost stops falling (see the module comment). `cost` times
 * one run (CPU time by default; tests script it). Ends with `collectHeap()`.
 */
export async function warmUp(
  session: Pick<LiveSession, 'runOnce'>,
  o: { readonly warmup: number; readonly maxWarmup: number },
  cost: (run: () => Promise<void>) => Promise<number> = cpuTimeOf,
): Promise<WarmUp> {
  const cap = Math.max(o.warmup, o.maxWarmup);
  const run = () => session.runOnce();
  let runs = 0;
  let best = Infinity;
  let stale = 0;
  let window: number[] = [];
  while (runs < cap && (runs < o.warmup || stale < WARMUP_PATIENCE)) {
    window.push(await cost(run));
    runs++;
    if (window.length === WARMUP_WINDOW) {
      const m = median(window);
      if (m < best * (1 - WARMUP_TOLERANCE)) {
        best = m;
        stale = 0;
      } else {
        best = Math.min(best, m);
        stale++;
      }
      window = [];
    }
  }
  return { runs, heapCollected: collectHeap() };
}
