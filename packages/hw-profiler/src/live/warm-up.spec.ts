import { afterEach, describe, expect, it, vi } from 'vitest';

import { WARMUP_PATIENCE, WARMUP_WINDOW, collectHeap, cpuTimeOf, warmUp } from './warm-up.js';

/** A session whose k-th run "costs" costs(k): the warm-up sees scripted timings, not the machine's. */
function scripted(costs: (k: number) => number) {
  let calls = 0;
  const session = {
    runOnce: () => {
      calls++;
      return Promise.resolve();
    },
  };
  const cost = async (run: () => Promise<void>): Promise<number> => {
    const k = calls;
    await run();
    return costs(k);
  };
  return { session, cost, calls: () => calls };
}

describe('warmUp', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps going while runs get faster (JIT tier-up) and stops a few windows after they level off', async () => {
    // 10 ms falling to 1 ms over the first 60 runs, then flat.
    const s = scripted((k) => (k < 60 ? 10 - (9 * k) / 60 : 1));
    const w = await warmUp(s.session, { warmup: 10, maxWarmup: 500 }, s.cost);
    expect(w.runs).toBe(s.calls());
    expect(w.runs).toBeGreaterThanOrEqual(60);
    expect(w.runs).toBeLessThanOrEqual(60 + (WARMUP_PATIENCE + 1) * WARMUP_WINDOW);
  });

  it('on steady runs stops after the patience windows, or at the minimum when that is larger', async () => {
    const flat = scripted(() => 2);
    expect((await warmUp(flat.session, { warmup: 3, maxWarmup: 500 }, flat.cost)).runs).toBe(
      (WARMUP_PATIENCE + 1) * WARMUP_WINDOW,
    );
    const long = scripted(() => 2);
    expect((await warmUp(long.session, { warmup: 33, maxWarmup: 0 }, long.cost)).runs).toBe(33);
  });

  it('never runs more than max(warmup, maxWarmup), and not at all when both are 0', async () => {
    const falling = scripted((k) => 1000 * 0.9 ** k); // every window well faster than the last
    expect((await warmUp(falling.session, { warmup: 5, maxWarmup: 42 }, falling.cost)).runs).toBe(42);
    const none = scripted(() => 1);
    expect((await warmUp(none.session, { warmup: 0, maxWarmup: 0 }, none.cost)).runs).toBe(0);
    expect(none.calls()).toBe(0);
  });

  it('collects the heap afterwards, with the exposed gc when node has one', async () => {
    const gc = vi.fn();
    vi.stubGlobal('gc', gc);
    expect(collectHeap()).toBe(true);
    const s = scripted(() => 1);
    expect((await warmUp(s.session, { warmup: 1, maxWarmup: 0 }, s.cost)).heapCollected).toBe(true);
    expect(gc).toHaveBeenCalledTimes(2);
    vi.stubGlobal('gc', undefined);
  });

  it('obtains a gc at run time when node runs without --expose-gc, and it frees garbage', async () => {
    vi.stubGlobal('gc', undefined);
    // A WeakRef to an unreachable object clears only when a GC has run (and only after the job that
    // created it, hence the tick).
    const ref = new WeakRef({ payload: new Array(1000).fill(1) });
    await new Promise((r) => setTimeout(r, 0));
    expect(collectHeap()).toBe(true);
    expect(ref.deref()).toBeUndefined();
  });

  it('cpuTimeOf counts the CPU a run burns, not the time it waits', async () => {
    // Fixed work, not a fixed wall time: preemption by other processes must not change what it costs.
    let acc = 0;
    const busy = await cpuTimeOf(() => {
      for (let i = 0; i < 3e7; i++) acc += Math.sqrt(i);
      return Promise.resolve();
    });
    const sleep = await cpuTimeOf(() => new Promise((r) => setTimeout(r, 60)));
    expect(acc).toBeGreaterThan(0);
    expect(busy).toBeGreaterThan(sleep);
    expect(sleep).toBeLessThan(30);
  });
});
