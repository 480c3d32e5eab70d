// The machine a live latency was measured on (CPU model, logical cores, Node, runtime versions), recorded
// with every measurement so numbers from different machines are never compared unknowingly.
import { cpus, loadavg, totalmem } from 'node:os';

export interface MeasurementEnvironment {
  readonly cpu: string;
  readonly logicalCpus: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
  readonly runtime: string;
  readonly runtimeVersion: string;
  readonly threads: number;
  /** 1-minute load average when measured: a busy machine explains unstable medians. */
  readonly loadAverage1m: number;
}

export function measurementEnvironment(
  runtime: string,
  runtimeVersion: string,
  threads: number,
): MeasurementEnvironment {
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown',
    logicalCpus: c.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    runtime,
    runtimeVersion,
    threads,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}
