// `npm run bench -- cg`: NB-201 Computation Graphs built per second on one thread — whole network with shape
// inference, FLOPs/params (graphCost) and encoder node features (graphFeatures) — and, timed separately,
// Laplacian spectra (k = 21) per second. Target: ≥ 20,000 CGs/s.
import { loadavg } from 'node:os';

import { graphCost, graphFeatures, laplacianSpectrum, loadNb201, nb201Graph } from '@cgnas/cg-core';

import { emit } from '../../../scripts/bench-util.js';

const archs = loadNb201().map((r) => r.archStr);

function buildAll(count: number): number {
  let checksum = 0;
  for (let i = 0; i < count; i++) {
    const g = nb201Graph(archs[i % archs.length]!);
    const cost = graphCost(g);
    const f = graphFeatures(g);
    checksum += cost.params + cost.macs + f.numNodes;
  }
  return checksum;
}

/** Items per wall-clock second and per CPU second (the latter is what a shared, loaded machine still shows). */
function rate(fn: (n: number) => number, n: number, seconds: number): { wall: number; cpu: number } {
  fn(Math.min(n, 2000)); // warm-up
  let done = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while ((performance.now() - t0) / 1000 < seconds) {
    fn(n);
    done += n;
  }
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall: done / wall, cpu: done / ((c.user + c.system) / 1e6) };
}

const cgPerS = rate(buildAll, 5000, 2);
const graphs = archs.slice(0, 64).map((a) => nb201Graph(a));
const spectrumPerS = rate(
  (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += laplacianSpectrum(graphs[i % graphs.length]!, 21)[1]!;
    return s;
  },
  20,
  2,
);
emit({
  bench: 'cg',
  family: 'nb201',
  threads: 1,
  cg_per_s: Math.round(cgPerS.wall),
  spectrum_per_s: Math.round(spectrumPerS.wall * 10) / 10,
  cg_per_cpu_s: Math.round(cgPerS.cpu),
  spectrum_per_cpu_s: Math.round(spectrumPerS.cpu * 10) / 10,
  load_avg_1m: Math.round(loadavg()[0]! * 100) / 100,
  nodes: graphs[0]!.nodes.length,
});
