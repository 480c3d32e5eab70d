// Known devices as a basis for a new one: the log latency of an architecture on every device the repo
// has tables for. NB-201 tables cover the whole space, so they are read exactly; FBNet and OFA tables
// are samples, so each device is represented by its fitted per-block lookup table.
import { deviceDataset, listDevices } from '../device/device-catalog.js';
import type { BlockArch, HwSpace } from '../encoding/space-encoding.js';
import { encodingFor } from '../encoding/encoding-for.js';
import { HwInputError, PredictorFileError } from '../errors.js';
import { LutPredictor, type LutJson } from './lut-predictor.js';

export interface DeviceBasisJson {
  readonly space: HwSpace;
  readonly devices: readonly string[];
  /** Absent when the basis reads the embedded NB-201 tables. */
  readonly luts?: readonly LutJson[];
}

/** The hardware a HELP setting runs on (`titanx_32` → `titanx`), so held-out tests drop every batch size. */
export function hardwareOf(device: string): string {
  return device.replace(/_(1|32|64|256)$/, '');
}

const FLOOR_MS = 1e-3;

// Fitting a table costs O(n·d²); every held-out evaluation reuses the same per-device fits.
const lutCache = new Map<string, LutPredictor>();

function deviceLut(space: HwSpace, device: string): LutPredictor {
  const key = `${space}/${device}`;
  let lut = lutCache.get(key);
  if (!lut) {
    const ds = deviceDataset(space, device);
    lut = LutPredictor.fit(space, ds.archs, ds.latencyMs);
    lutCache.set(key, lut);
  }
  return lut;
}

export class DeviceBasis {
  private constructor(
    readonly space: HwSpace,
    readonly devices: readonly string[],
    private readonly at: (arch: BlockArch) => Float64Array,
    private readonly luts: readonly LutPredictor[] | null,
  ) {}

  /** Every known device of `space` except those whose hardware is in `exclude`. */
  static build(space: HwSpace, exclude: readonly string[] = []): DeviceBasis {
    const ex = new Set(exclude.map(hardwareOf));
    const devices = listDevices(space)
      .map((d) => d.name)
      .filter((d) => !ex.has(hardwareOf(d)));
    if (devices.length === 0)
      throw new HwInputError(`hw-profiler.DeviceBasis.build: every ${space} device was excluded; exclude fewer`);
    return space === 'nb201' ? DeviceBasis.tableBasis(space, devices) : DeviceBasis.lutBasis(space, devices, null);
  }

  static fromJSON(json: unknown): DeviceBasis {
    const j = json as Partial<DeviceBasisJson> | null;
    if (!j || !j.space || !Array.isArray(j.devices)) {
      throw new PredictorFileError(
        'hw-profiler.DeviceBasis.fromJSON: Expected a {space, devices} object; re-run `cgnas latency fit`',
      );
    }
    if (j.luts)
      return DeviceBasis.lutBasis(
        j.space,
        j.devices,
        j.luts.map((l) => LutPredictor.fromJSON(l)),
      );
    return DeviceBasis.tableBasis(j.space, j.devices);
  }

  private static tableBasis(space: HwSpace, devices: readonly string[]): DeviceBasis {
    const enc = encodingFor(space);
    const cols = devices.map((d) => deviceDataset(space, d));
    const index = new Map(cols[0]!.archs.map((a, i) => [a.blocks.join(','), i]));
    const at = (arch: BlockArch): Float64Array => {
      const i = index.get(arch.blocks.join(','));
      if (i === undefined)
        throw new HwInputError(`hw-profiler.DeviceBasis: ${enc.format(arch)} is not in the ${space} tables`);
      return Float64Array.from(cols, (c) => Math.log(Math.max(c.latencyMs[i]!, FLOOR_MS)));
    };
    return new DeviceBasis(space, devices, at, null);
  }

  private static lutBasis(
    space: HwSpace,
    devices: readonly string[],
    given: readonly LutPredictor[] | null,
  ): DeviceBasis {
    const luts = given ?? devices.map((d) => deviceLut(space, d));
    const at = (arch: BlockArch): Float64Array =>
      Float64Array.from(luts, (l) => Math.log(Math.max(l.predict(arch), FLOOR_MS)));
    return new DeviceBasis(space, devices, at, luts);
  }

  /** Log latency (ms) on each basis device. */
  features(arch: BlockArch): Float64Array {
    return this.at(arch);
  }

  toJSON(): DeviceBasisJson {
    return this.luts
      ? { space: this.space, devices: this.devices, luts: this.luts.map((l) => l.toJSON()) }
      : { space: this.space, devices: this.devices };
  }
}
