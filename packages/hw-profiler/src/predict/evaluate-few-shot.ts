// Leave-one-hardware-out evaluation of few-shot transfer (HELP's protocol, made stricter): for each
// target device, every setting of the same hardware (all batch sizes) is removed from the basis, a
// predictor is fitted on `samples` random measured networks, and Spearman is taken on the rest.
import { spearman } from '@cgnas/ensemble';
import { Rng } from '@cgnas/native';

import { deviceDataset, listDevices, type DeviceSource } from '../device/device-catalog.js';
import type { HwSpace } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';
import { DeviceBasis } from './device-basis.js';
import { FewShotPredictor } from './few-shot-predictor.js';

export interface EvaluateFewShotOptions {
  readonly samples?: number;
  readonly seeds?: readonly number[];
  /** Target devices (default: every device of the space from `source`). */
  readonly targets?: readonly string[];
  readonly source?: DeviceSource;
  /** Test on every `stride`-th held-out arch (speed). */
  readonly stride?: number;
}

export const EVALUATE_FEW_SHOT_DEFAULTS = { samples: 10, seeds: [0, 1, 2, 3, 4], source: 'help', stride: 1 } as const;

export interface FewShotEvaluation {
  readonly device: string;
  readonly samples: number;
  /** Spearman per seed, and their mean. */
  readonly spearmans: readonly number[];
  readonly spearman: number;
  readonly choices: readonly string[];
}

export function evaluateFewShot(space: HwSpace, options: EvaluateFewShotOptions = {}): FewShotEvaluation[] {
  const o = { ...EVALUATE_FEW_SHOT_DEFAULTS, ...options };
  if (!Number.isInteger(o.samples) || o.samples < 3) {
    throw new HwInputError(
      `hw-profiler.evaluateFewShot: Expected an integer >= 3 for samples but received ${o.samples}`,
    );
  }
  const targets =
    o.targets ??
    listDevices(space)
      .filter((d) => d.source === o.source)
      .map((d) => d.name);
  return targets.map((device) => {
    const ds = deviceDataset(space, device);
    const basis = DeviceBasis.build(space, [device]);
    const n = ds.archs.length;
    const spearmans: number[] = [];
    const choices: string[] = [];
    for (const seed of o.seeds) {
      const rng = new Rng(seed, 7);
      const picked = new Set<number>();
      while (picked.size < o.samples) picked.add(rng.int(n));
      const s = [...picked];
      const p = FewShotPredictor.fit(
        basis,
        s.map((i) => ds.archs[i]!),
        s.map((i) => ds.latencyMs[i]!),
      );
      const test: number[] = [];
      for (let i = 0; i < n; i += o.stride) if (!picked.has(i)) test.push(i);
      spearmans.push(
        spearman(
          test.map((i) => ds.latencyMs[i]!),
          test.map((i) => p.predict(ds.archs[i]!)),
        ),
      );
      choices.push(p.choice);
    }
    return {
      device,
      samples: o.samples,
      spearmans,
      spearman: spearmans.reduce((a, b) => a + b, 0) / spearmans.length,
      choices,
    };
  });
}
