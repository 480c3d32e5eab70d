// Cross-check of cgnas's zero-cost proxies against NASLib's published NB-201 scores (NAS-Bench-Suite-Zero,
// CIFAR-10): per proxy, Spearman ρ with the published score and with accuracy, next to the published
// proxy's ρ with accuracy; then the wall time. `npm run bench -- zero-cost [--n 1000] [--batch 16] [--proxies a,b]`
import { loadNb201SuiteZero, loadNb201ZeroCost, nb201Graph } from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';
import { selectTfBackend } from '@cgnas/native/tf';

import { emit } from '../../../scripts/bench-util.js';
import { spearman } from '../src/metrics/spearman.js';
import { ZERO_COST_PROXIES, zeroCostScores, type ZeroCostProxy } from '../src/zero-cost/zero-cost-scores.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const n = Number(arg('n', '1000'));
const batchSize = Number(arg('batch', '16'));
const proxies = arg('proxies', ZERO_COST_PROXIES.join(',')).split(',') as ZeroCostProxy[];
const choice = await selectTfBackend();
process.stderr.write(`zero-cost bench: tfjs ${choice.backend} (${choice.reason}), n=${n}, batch=${batchSize}\n`);

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

const ours: Record<string, number[]> = Object.fromEntries(proxies.map((p) => [p, []]));
const start = performance.now();
for (const [i, r] of rows.entries()) {
  const s = zeroCostScores(nb201Graph(r.archStr), { seed: 0, batchSize, proxies });
  for (const p of proxies) ours[p]!.push(s[p] ?? NaN);
  if ((i + 1) % 25 === 0) {
    process.stderr.write(`  ${i + 1}/${rows.length} (${((performance.now() - start) / 1000).toFixed(0)} s)\n`);
  }
}
const seconds = (performance.now() - start) / 1000;

// NASLib stores failures (e.g. jacov of a network whose output ignores its input) as a sentinel:
// rank failures lowest on both sides.
const finite = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) ? v : -1e300);
const acc = rows.map((r) => r.valAccuracy);
const round = (v: number): number => Math.round(v * 10000) / 10000;
for (const p of proxies) {
  const key = PUBLISHED[p];
  const idx = rows.flatMap((r, i) => (r.zc[key] !== undefined && !Number.isNaN(r.zc[key]) ? [i] : []));
  const mine = ours[p]!.map(finite);
  const published = rows.map((r) => finite(r.zc[key]));
  const pick = (a: readonly number[]): number[] => idx.map((i) => a[i]!);
  const record: Record<string, unknown> = {
    bench: 'zero-cost',
    proxy: p,
    n: idx.length,
    rho_vs_published: round(spearman(pick(published), pick(mine))),
    rho_with_acc: round(spearman(pick(acc), pick(mine))),
    published_rho_with_acc: round(spearman(pick(acc), pick(published))),
  };
  // FreeREA's independent naswot / log-synflow cover every cell: a second reference.
  const freeKey = p === 'naswot' ? 'cifar10_naswot' : p === 'synflow' ? 'cifar10_logsynflow' : null;
  if (freeKey) {
    const other = rows.map((r) => finite(freeRea.get(r.index)?.[freeKey]));
    record.rho_vs_freerea = round(spearman(other, ours[p]!.map(finite)));
    record.freerea_rho_with_acc = round(spearman(acc, other));
  }
  emit(record);
}
emit({ bench: 'zero-cost', kind: 'time', n: rows.length, batch: batchSize, proxies, seconds: round(seconds) });
