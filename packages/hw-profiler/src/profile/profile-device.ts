// Block friendliness of one device table, two ways: regression on block-at-position indicators over the
// whole table (with R²), and Mills et al.'s forced sampling where the metric of a sampled architecture
// is the table itself (NB-201 covers every cell) or, for sampled tables (FBNet, OFA), the device's fitted
// lookup table — which every output labels as a predicted latency.
import { deviceDataset } from '../device/device-catalog.js';
import { encodingFor } from '../encoding/encoding-for.js';
import type { HwSpace } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';
import { LutPredictor } from '../predict/lut-predictor.js';
import { blockProfile, type BlockProfile, type BlockProfileOptions } from './block-profile.js';
import { blockRegression, type BlockScores } from './block-regression.js';

export interface DeviceProfile {
  readonly space: HwSpace;
  readonly device: string;
  readonly regression: BlockScores;
  readonly sampling: BlockProfile;
}

export function profileDevice(space: HwSpace, device: string, options: BlockProfileOptions = {}): DeviceProfile {
  const ds = deviceDataset(space, device);
  const enc = encodingFor(space);
  const regression = blockRegression(space, `latency on ${device} (ms, measured table)`, ds.archs, ds.latencyMs);
  let evaluate: (archs: readonly import('../encoding/space-encoding.js').BlockArch[]) => number[][];
  let label: string;
  if (space === 'nb201') {
    const index = new Map(ds.archs.map((a, i) => [a.blocks.join(','), i]));
    evaluate = (archs) =>
      archs.map((a) => {
        const i = index.get(a.blocks.join(','));
        if (i === undefined)
          throw new HwInputError(`hw-profiler.profileDevice: ${enc.format(a)} is not in the NB-201 table`);
        return [ds.latencyMs[i]!];
      });
    label = `measured latency on ${device} (ms, HW-NAS-Bench/HELP table)`;
  } else {
    const lut = LutPredictor.fit(space, ds.archs, ds.latencyMs);
    evaluate = (archs) => archs.map((a) => [lut.predict(a)]);
    label = `predicted latency on ${device} (ms, lookup table fitted on ${ds.archs.length} measured networks, R² ${regression.r2.toFixed(3)})`;
  }
  const sampling = blockProfile(enc, [{ name: 'latency', sense: 'min', label }], evaluate, options);
  return { space, device, regression, sampling };
}
