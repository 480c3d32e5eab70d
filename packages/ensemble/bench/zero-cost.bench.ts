// Cross-check of cgnas's zero-cost proxies against NASLib's published NB-201 scores (NAS-Bench-Suite-Zero,
// CIFAR-10): per proxy, Spearman ρ with the published score and with accuracy, next to the published
// proxy's ρ with accuracy; then the time. Networks are scored in worker threads (one native thread each).
// `npm run bench -- zero-cost [--n 1000] [--batch 32] [--init kaiming-normal|pytorch] [--inputs gaussian|natural]
// [--threads 2] [--proxies a,b]`
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';

import { loadNb201SuiteZero, loadNb201ZeroCost } from '@cgnas/cg-core';
import { Rng, setThreads } from '@cgnas/native';

import { emit } from '../../../scripts/bench-util.js';
import { spearman } from '../src/metrics/spearman.js';
import {
  ZERO_COST_DEFAULTS,
  ZERO_COST_PROXIES,
  type ZeroCostInputs,
  type ZeroCostProxy,
} from '../src/zero-cost/zero-cost-scores.js';
import type { CgInit } from '../src/zero-cost/cg-network.js';
import type { ZeroCostWorkerData, ZeroCostWorkerMessage } from './zero-cost-worker.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const n = Number(arg('n', '1000'));
const batchSize = Number(arg('batch', String(ZERO_COST_DEFAULTS.batchSize)));
const threads = Number(arg('threads', String(Math.max(1, cpus().length))));
const init = arg('init', ZERO_COST_DEFAULTS.init) as CgInit;
const inputs = arg('inputs', ZERO_COST_DEFAULTS.inputs) as ZeroCostInputs;
const proxies = arg('proxies', ZERO_COST_PROXIES.join(',')).split(',') as ZeroCostProxy[];
for (const p of proxies) {
  if (!(ZERO_COST_PROXIES as readonly string[]).includes(p)) throw new Error(`zero-cost bench: unknown proxy ${p}`);
}
if (!Number.isInteger(n) || n < 2 || !Number.isInteger(threads) || threads < 1) {
  throw new Error('zero-cost bench: --n must be an integer >= 2 and --threads >= 1');
}

// NASLib names the NASWOT score `nwot`.
const PUBLISHED: Record<ZeroCostProxy, string> = {
  synflow: 'synflow',
  jacov: 'jacov',
  snip: 'snip',
  grad_norm: 'grad_norm',
  fisher: 'fisher',
  naswot: 'nwot',
  flops: 'flops',
  params: 'params',
};

const all = loadNb201SuiteZero().filter((r) => r.dataset === 'cifar10');
const rows = new Rng(2026).sampleIndices(all.length, Math.min(n, all.length)).map((i) => all[i]!);
const freeRea = new Map(loadNb201ZeroCost().map((r) => [r.index, r.scores]));
const loadBefore = loadavg();
process.stderr.write(
  `zero-cost bench: n=${rows.length}, batch=${batchSize}, ${threads} worker thread(s), load ${loadBefore.map((v) => v.toFixed(1)).join(' ')}\n`,
);

// One native thread per worker: the workers, not the kernels, share the cores.
setThreads(1);
const scores: Partial<Record<ZeroCostProxy, number>>[] = new Array(rows.length);
const cpuStart = process.cpuUsage();
const start = performance.now();
let done = 0;
let backend = '';
const slices = Array.from({ length: threads }, (_, t) => rows.flatMap((r, i) => (i % threads === t ? [i] : [])));
await Promise.all(
  slices.map(
    (slice) =>
      new Promise<void>((resolve, reject) => {
        const data: ZeroCostWorkerData = {
          archs: slice.map((i) => rows[i]!.archStr),
          batchSize,
          proxies,
          init,
          inputs,
        };
        // Node 20 does not run `--import tsx` in workers: register tsx there, then load the TS entry.
        const entry = JSON.stringify(new URL('./zero-cost-worker.ts', import.meta.url).href);
        const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${entry}); })`;
        // A larger young generation: tfjs makes many short-lived objects per op, and fewer scavenges
        // measured ~15% less CPU per network.
        const worker = new Worker(boot, {
          eval: true,
          workerData: data,
          resourceLimits: { maxYoungGenerationSizeMb: 192 },
        });
        worker.on('message', (m: ZeroCostWorkerMessage) => {
          scores[slice[m.index]!] = m.scores;
          backend = m.backend;
          done++;
          if (done % 25 === 0) {
            process.stderr.write(`  ${done}/${rows.length} (${((performance.now() - start) / 1000).toFixed(0)} s)\n`);
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`zero-cost worker exited with ${code}`)),
        );
      }),
  ),
);
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const loadAfter = loadavg();

// NASLib stores failures (e.g. jacov of a network whose output ignores its input) as a sentinel:
// rank failures lowest on both sides.
const finite = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) ? v : -1e300);
const acc = rows.map((r) => r.valAccuracy);
const round = (v: number): number => Math.round(v * 10000) / 10000;
for (const p of proxies) {
  const key = PUBLISHED[p];
  const idx = rows.flatMap((r, i) => (r.zc[key] !== undefined && !Number.isNaN(r.zc[key]) ? [i] : []));
  const mine = scores.map((s) => finite(s[p]));
  const published = rows.map((r) => finite(r.zc[key]));
  const pick = (a: readonly number[]): number[] => idx.map((i) => a[i]!);
  const record: Record<string, unknown> = {
    bench: 'zero-cost',
    proxy: p,
    n: idx.length,
    rho_published: round(spearman(pick(published), pick(mine))),
    rho_accuracy: round(spearman(pick(acc), pick(mine))),
    rho_accuracy_published: round(spearman(pick(acc), pick(published))),
  };
  // FreeREA's independent naswot / log-synflow cover every cell: a second reference.
  const freeKey = p === 'naswot' ? 'cifar10_naswot' : p === 'synflow' ? 'cifar10_logsynflow' : null;
  if (freeKey) {
    const other = rows.map((r) => finite(freeRea.get(r.index)?.[freeKey]));
    record.rho_freerea = round(spearman(other, mine));
    record.rho_accuracy_freerea = round(spearman(acc, other));
  }
  emit(record);
}
emit({
  bench: 'zero-cost',
  kind: 'time',
  n: rows.length,
  batch: batchSize,
  init,
  inputs,
  threads,
  backend,
  seconds_total: round(seconds),
  seconds_per_network: round(seconds / rows.length),
  cpu_seconds_per_network: round((cpu.user + cpu.system) / 1e6 / rows.length),
  load_before: loadBefore.map(round),
  load_after: loadAfter.map(round),
});
