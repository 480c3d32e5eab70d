// `npm run bench -- hw [--quick]`: latency-predictor accuracy per HW-NAS-Bench device, few-shot transfer
// to held-out HELP devices from 10 measured networks, and NB-201 space reduction per device.
import {
  HW_NAS_BENCH_DEVICES,
  evaluateFewShot,
  evaluatePredictors,
  nb201NoiseCeiling,
  nb201Reduction,
  type HwSpace,
} from '@cgnas/hw-profiler';

import { emit } from '../../../scripts/bench-util.js';

const quick = process.argv.includes('--quick');
const seeds = quick ? [0, 1] : [0, 1, 2, 3, 4];

// The noise ceiling: isomorphic NB-201 pairs measured twice bound what any predictor can reach.
for (const device of HW_NAS_BENCH_DEVICES) {
  const c = nb201NoiseCeiling(device);
  emit({
    bench: 'hw',
    kind: 'noise',
    space: 'nb201',
    device,
    pairs: c.pairs,
    pair_within10: c.pairWithin10,
    pair_mean_within10: c.pairMeanWithin10,
    median_abs_log_diff: c.medianAbsLogDiff,
  });
}

for (const space of ['nb201', 'fbnet'] as const satisfies readonly HwSpace[]) {
  for (const device of HW_NAS_BENCH_DEVICES) {
    const t0 = performance.now();
    const e = evaluatePredictors(space, device, { seed: 0, maxTrain: quick ? 2000 : 0 });
    emit({
      bench: 'hw',
      kind: 'predictor',
      space,
      device,
      chosen: e.chosen,
      within10: e.best.within10,
      spearman: e.best.spearman,
      mape: e.best.mape,
      lut_within10: e.lut.within10,
      learned_within10: e.learned.within10,
      test_n: e.best.n,
      seconds: (performance.now() - t0) / 1000,
    });
  }
}

for (const space of ['nb201', 'fbnet', 'ofa-mbv3'] as const satisfies readonly HwSpace[]) {
  const results = evaluateFewShot(space, { samples: 10, seeds, stride: space === 'nb201' ? 3 : 1 });
  for (const r of results) {
    emit({
      bench: 'hw',
      kind: 'fewshot',
      space,
      device: r.device,
      samples: r.samples,
      spearman: r.spearman,
      spearman_per_seed: r.spearmans,
      choices: r.choices,
    });
  }
  emit({
    bench: 'hw',
    kind: 'fewshot-mean',
    space,
    samples: 10,
    devices: results.length,
    spearman: results.reduce((s, r) => s + r.spearman, 0) / results.length,
  });
}

for (const device of HW_NAS_BENCH_DEVICES) {
  const r = nb201Reduction(device, { budget: 100, seeds: Array.from({ length: 10 }, (_, i) => i) });
  const hv = (v: string) => r.results.find((x) => x.variant === v)!;
  emit({
    bench: 'hw',
    kind: 'reduction',
    space: 'nb201',
    device,
    budget: 100,
    seeds: 10,
    hv_reduced: hv('reduced').hypervolume,
    hv_original: hv('original').hypervolume,
    hv_control: hv('control').hypervolume,
    size_reduced: hv('reduced').size,
    reduced_space: r.reduced,
  });
}

// Live repeatability on this machine: 5 independent runs (fresh session each) of one NB-201 network in
// onnxruntime-node, 1 thread; the spread of their medians is the repeatability figure. The 1-minute
// load average is printed with it, since a shared machine dominates the spread.
{
  const { nb201Graph } = await import('@cgnas/cg-core');
  const { measureRepeatability, measurementEnvironment } = await import('@cgnas/hw-profiler');
  const g = nb201Graph(
    '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|',
  );
  const r = await measureRepeatability(g, 'ort', 5, { threads: 1, warmup: 10, repeats: 100 });
  const env = measurementEnvironment('onnxruntime-node', '', 1);
  emit({
    bench: 'hw',
    kind: 'live',
    runtime: 'ort',
    threads: 1,
    runs: 5,
    medians_ms: r.medians,
    relative_spread: r.relativeSpread,
    load_1m: env.loadAverage1m,
    cpu: env.cpu,
  });
}
