// The repeatability target of issue 8 ("the median of 5 independent runs varies by under 5%"): several
// independent sessions of one network (each built, warmed up and timed on its own), their medians and
// the spread (max − min) / median of medians. `interleave` times the sessions round-robin so slow drifts
// of a shared machine's load hit every run alike; sequential runs show the drift. CPU time per inference
// (process.cpuUsage) is recorded beside wall time: with one thread it moves much less with the load.
// Every session warms up until steady (warm-up.ts), so the first session of a process is not timed while
// V8 is still tiering up the kernels' code, and timing starts on a collected heap (warm-up.ts collectHeap).
import type { ComputationGraph } from '@cgnas/cg-core';

import { MeasurementError } from '../errors.js';
import { openLiveSession, type LiveRuntime, type LiveSession } from './live-session.js';
import { LIVE_DEFAULTS, checkLiveOptions, type LiveOptions } from './live-options.js';
import { timingStats } from './timing-stats.js';
import type { MeasurementEnvironment } from './measurement-environment.js';
import { warmUp } from './warm-up.js';

export interface RepeatabilityOptions extends LiveOptions {
  readonly interleave?: boolean;
}

export interface Repeatability {
  /** Median wall time (ms) of each run. */
  readonly medians: readonly number[];
  /** (max − min) / median of the run medians. */
  readonly relativeSpread: number;
  /** Median CPU time (ms, user + system of this process) per inference of each run. */
  readonly cpuMedians: readonly number[];
  readonly cpuRelativeSpread: number;
  /** Untimed runs of each session before its timing started. */
  readonly warmupRuns: readonly number[];
  /** Whether the heap was collected before timing (warm-up.ts collectHeap). */
  readonly heapCollected: boolean;
  readonly interleaved: boolean;
  readonly environment: MeasurementEnvironment;
}

export function relativeSpread(values: readonly number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  const mid = s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return (s[s.length - 1]! - s[0]!) / mid;
}

async function timeOnce(session: LiveSession, wall: number[], cpu: number[]): Promise<void> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await session.runOnce();
  wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}

export async function measureRepeatability(
  graph: ComputationGraph,
  runtime: LiveRuntime,
  runs = 5,
  options: RepeatabilityOptions = {},
): Promise<Repeatability> {
  if (!Number.isInteger(runs) || runs < 2)
    throw new MeasurementError(
      `hw-profiler.measureRepeatability: Expected an integer >= 2 for runs but received ${runs}`,
    );
  const o = { ...LIVE_DEFAULTS, interleave: false, ...options };
  checkLiveOptions(o, 'measureRepeatability');
  const wall: number[][] = Array.from({ length: runs }, () => []);
  const cpu: number[][] = Array.from({ length: runs }, () => []);
  const warmupRuns: number[] = [];
  let heapCollected = false;
  let environment: MeasurementEnvironment | null = null;
  if (o.interleave) {
    const sessions: LiveSession[] = [];
    try {
      for (let r = 0; r < runs; r++) sessions.push(await openLiveSession(graph, runtime, o));
      for (const s of sessions) {
        const w = await warmUp(s, o);
        warmupRuns.push(w.runs);
        heapCollected = w.heapCollected;
      }
      // Rotate the starting session each round so none is always first after a pause.
      for (let i = 0; i < o.repeats; i++) {
        for (let k = 0; k < runs; k++) {
          const r = (i + k) % runs;
          await timeOnce(sessions[r]!, wall[r]!, cpu[r]!);
        }
      }
      environment = sessions[0]!.environment;
    } finally {
      for (const s of sessions) await s.dispose();
    }
  } else {
    for (let r = 0; r < runs; r++) {
      const s = await openLiveSession(graph, runtime, o);
      try {
        const w = await warmUp(s, o);
        warmupRuns.push(w.runs);
        heapCollected = w.heapCollected;
        for (let i = 0; i < o.repeats; i++) await timeOnce(s, wall[r]!, cpu[r]!);
        environment = s.environment;
      } finally {
        await s.dispose();
      }
    }
  }
  const medians = wall.map((w) => timingStats(w).medianMs);
  const cpuMedians = cpu.map((c) => timingStats(c).medianMs);
  return {
    medians,
    relativeSpread: relativeSpread(medians),
    cpuMedians,
    cpuRelativeSpread: relativeSpread(cpuMedians),
    warmupRuns,
    heapCollected,
    interleaved: o.interleave,
    environment: environment!,
  };
}
