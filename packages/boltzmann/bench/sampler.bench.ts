// `npm run bench -- sampler`: ns per spin update of the native sweep kernel (Gibbs, SA, SQA per
// spin-slice) on Chimera(8) (n = 512) with 1,024 chains on one thread, and ns per state of exact
// enumeration at n = 28 (issue 6's targets: 0.5, 0.5, 1 and 2 ns). `ns_per_*` is thread CPU time
// (what one core spends), `wall_ns_per_*` the wall clock, `load1` the 1-minute load average.
import { loadavg } from 'node:os';

import { getIsingSweep, setThreads, type IsingSweepArgs } from '@cgnas/native';

import { emit } from '../../../scripts/bench-util.js';
import { chimeraGraph, completeGraph, createIsingModel, enumerateExact, latticeGraph, Rng } from '../src/index.js';

const kernel = getIsingSweep('native');
const threads = setThreads(1);
const graph = chimeraGraph(8);
const rng = new Rng(1);
const model = createIsingModel(
  graph,
  Array.from({ length: graph.n }, () => rng.uniform(-0.1, 0.1)),
  Array.from(graph.edgeI, () => rng.uniform(-1, 1)),
);
const chains = 1024;
const weights = Float32Array.from(model.csrEdge, (e) => model.J[e]!);

async function nsPerUpdate(kind: 'gibbs' | 'sa' | 'sqa', sweeps: number): Promise<{ cpu: number; wall: number }> {
  const slices = kind === 'sqa' ? 8 : 1;
  const args: IsingSweepArgs = {
    n: model.n,
    offsets: model.offsets,
    indices: model.indices,
    weights,
    h: Float32Array.from(model.h),
    chains,
    slices,
    state: Int8Array.from({ length: slices * model.n * chains }, () => (rng.nextUint32() & 1 ? 1 : -1)),
    classicalScale: Float64Array.from({ length: sweeps }, (_, t) => (kind === 'gibbs' ? 1 : 0.1 + (2.9 * t) / sweeps)),
    sliceCoupling: new Float64Array(sweeps).fill(kind === 'sqa' ? 0.8 : 0),
    chainScale: null,
    order: null,
    proposal: kind === 'sa' ? 'metropolis' : 'heat-bath',
    seed: 7,
  };
  await kernel!.sweep({
    ...args,
    classicalScale: args.classicalScale.slice(0, 2),
    sliceCoupling: args.sliceCoupling.slice(0, 2),
  });
  // The kernel's own thread CPU clock is the cost per core: on a shared 2-core machine the wall
  // clock also counts the time the worker waited for a core. Median of 5 runs of ~0.1–0.3 s each.
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const r = await kernel!.sweep(args);
    cpu.push(r.cpuNs);
    wall.push(r.ns);
  }
  const updates = sweeps * slices * model.n * chains;
  return { cpu: median(cpu) / updates, wall: median(wall) / updates };
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
}

if (kernel) {
  // Exact enumeration at n = 28: 2^28 states, one call each. The kernel sums its low block through
  // the spins that touch the high block, so the cost depends on that boundary: a 4×7 lattice (one
  // row of boundary) is the case, the complete graph K28 (every low spin on the boundary)
  // the worst case.
  for (const [name, graph] of [
    ['lattice 4x7', latticeGraph(4, 7)],
    ['complete K28', completeGraph(28)],
  ] as const) {
    const small = createIsingModel(
      graph,
      Array.from({ length: graph.n }, () => rng.uniform(-0.5, 0.5)),
      Array.from(graph.edgeI, () => rng.uniform(-1, 1)),
    );
    // A synchronous call on this thread: the process CPU clock is (nearly) this thread's.
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    enumerateExact(small, { backend: 'native' });
    const wallNs = Number(process.hrtime.bigint() - t0);
    const c1 = process.cpuUsage(c0);
    emit({
      bench: 'sampler',
      kind: 'enumerate',
      impl: 'native',
      threads: 1,
      graph: name,
      n: 28,
      ns_per_state: Number((((c1.user + c1.system) * 1000) / 2 ** 28).toFixed(4)),
      wall_ns_per_state: Number((wallNs / 2 ** 28).toFixed(4)),
      load1: Number(loadavg()[0]!.toFixed(2)),
    });
  }
  for (const kind of ['gibbs', 'sa', 'sqa'] as const) {
    const ns = await nsPerUpdate(kind, kind === 'sqa' ? 40 : 300);
    emit({
      bench: 'sampler',
      kind,
      impl: 'native',
      threads,
      n: model.n,
      chains,
      ns_per_spin_update: Number(ns.cpu.toFixed(4)),
      wall_ns_per_spin_update: Number(ns.wall.toFixed(4)),
      load1: Number(loadavg()[0]!.toFixed(2)),
    });
  }
} else {
  process.stderr.write('sampler bench: the native addon is not loaded; nothing to measure\n');
}
