// `npm run bench -- families`: the mobile family builders and ONNX import/export on one thread — CGs built
// per second per family, ONNX export/import time per model, onnxruntime session + run time — and, as the
// heavy validation the specs subsample, MACs vs measured latency over all 5,000 HELP / HW-NAS-Bench rows.
import {
  exportOnnx,
  fbnetFamily,
  graphCost,
  importOnnx,
  loadHelpOfaMbv3,
  loadHwNasBenchFbnet,
  nb201Graph,
  ofaMbv3Family,
  ofaResnetFamily,
  proxylessFamily,
  type ComputationGraph,
} from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';
import * as ort from 'onnxruntime-node';

import { emit, timeIt } from '../../../scripts/bench-util.js';

function spearman(a: readonly number[], b: readonly number[]): number {
  const rank = (v: readonly number[]) => {
    const r = new Array<number>(v.length);
    v.map((x, i) => [x, i] as const)
      .sort((p, q) => p[0] - q[0])
      .forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  return 1 - (6 * ra.reduce((s, x, i) => s + (x - rb[i]!) ** 2, 0)) / (n * (n * n - 1));
}

const rng = new Rng(1);
const families: [string, () => ComputationGraph][] = [
  ['ofa-mbv3', () => ofaMbv3Family.toGraph(ofaMbv3Family.sample(rng))],
  ['fbnet', () => fbnetFamily.toGraph(fbnetFamily.sample(rng))],
  ['proxyless', () => proxylessFamily.toGraph(proxylessFamily.sample(rng))],
  ['ofa-resnet50', () => ofaResnetFamily.toGraph(ofaResnetFamily.sample(rng))],
  [
    'nb201',
    () => nb201Graph('|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_1x1~2|'),
  ],
];

for (const [family, build] of families) {
  const cgPerS = 1 / timeIt(build, { minSeconds: 0.5, warmup: 300 });
  const g = build();
  const cost = graphCost(g);
  let bytes = exportOnnx(g);
  const exportMs = 1000 * timeIt(() => (bytes = exportOnnx(g)), { minSeconds: 0.3, warmup: 0 });
  const importMs = 1000 * timeIt(() => importOnnx(bytes), { minSeconds: 0.3 });
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(bytes);
  const sessionMs = performance.now() - t0;
  const input = g.nodes[0]!;
  const x = new ort.Tensor('float32', new Float32Array(input.outC * input.outH * input.outW), [
    1,
    input.outC,
    input.outH,
    input.outW,
  ]);
  const t1 = performance.now();
  await session.run({ [session.inputNames[0]!]: x });
  const runMs = performance.now() - t1;
  await session.release();
  emit({
    bench: 'families',
    family,
    threads: 1,
    cg_per_s: Math.round(cgPerS),
    nodes: g.nodes.length,
    macs: cost.macs,
    params: cost.params,
    onnx_bytes: bytes.length,
    export_ms: +exportMs.toFixed(1),
    import_ms: +importMs.toFixed(1),
    ort_session_ms: +sessionMs.toFixed(1),
    ort_run_ms: +runMs.toFixed(1),
  });
}

const help = loadHelpOfaMbv3();
const ofaMacs = help.map((r) => graphCost(ofaMbv3Family.toGraph(ofaMbv3Family.parse(r.arch))).macs);
for (const device of ['titan_rtx_64', 'v100_64', '2080ti_64']) {
  emit({
    bench: 'families',
    check: 'ofa-mbv3 macs vs latency',
    device,
    rows: help.length,
    spearman: +spearman(
      ofaMacs,
      help.map((r) => r.latencyMs[device]!),
    ).toFixed(4),
  });
}
const fb = loadHwNasBenchFbnet().rows;
const fbMacs = fb.map((r) => graphCost(fbnetFamily.toGraph(fbnetFamily.parse(r.key.blocks))).macs);
for (const device of ['fpga', 'eyeriss', 'raspi4', 'pixel3']) {
  emit({
    bench: 'families',
    check: 'fbnet macs vs latency',
    device,
    rows: fb.length,
    spearman: +spearman(
      fbMacs,
      fb.map((r) => r.latencyMs[device]!),
    ).toFixed(4),
  });
}
