// Shared helpers for benchmarks: timing by repetition and JSON-line output.

/** Median seconds per call after a warm-up, repeating until minSeconds have passed. */
export function timeIt(fn: () => unknown, options: { minSeconds?: number; warmup?: number } = {}): number {
  const minSeconds = options.minSeconds ?? 0.5;
  for (let i = 0; i < (options.warmup ?? 1); i++) fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < 3 || (performance.now() - start) / 1000 < minSeconds) {
    const t0 = performance.now();
    fn();
    samples.push((performance.now() - t0) / 1000);
  }
  samples.sort((x, y) => x - y);
  return samples[Math.floor(samples.length / 2)]!;
}

/** Prints one benchmark result as a JSON line (the only output benchmarks produce on stdout). */
export function emit(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}
