// Every device the repo has latency tables for, as first-class devices: HW-NAS-Bench (Li et al., ICLR
// 2021: fpga, eyeriss, raspi4, pixel3 on NB-201 and FBNet) and HELP (Lee et al., NeurIPS 2021: 20 NB-201,
// 20 FBNet and 12 OFA-MobileNetV3 GPU/CPU/phone settings). All values are latency in ms.
import {
  loadHelpFbnet,
  loadHelpNb201,
  loadHelpOfaMbv3,
  loadHwNasBenchFbnet,
  loadHwNasBenchNb201,
  type LatencyTable,
} from '@cgnas/cg-core';

import { encodingFor } from '../encoding/encoding-for.js';
import { ofaBlockArch } from '../encoding/ofa-mbv3-encoding.js';
import type { BlockArch, HwSpace } from '../encoding/space-encoding.js';
import { HwInputError } from '../errors.js';

export type DeviceSource = 'hw-nas-bench' | 'help';

export interface DeviceInfo {
  /** e.g. `pixel3`, `titan_rtx_32` (HELP names are `<device>[_<batch>]`). */
  readonly name: string;
  readonly space: HwSpace;
  readonly source: DeviceSource;
  readonly unit: 'ms';
}

export interface DeviceDataset extends DeviceInfo {
  /** Native text encoding of each measured architecture (shared across devices of a space). */
  readonly texts: readonly string[];
  readonly archs: readonly BlockArch[];
  readonly latencyMs: Float64Array;
}

export const HW_NAS_BENCH_DEVICES = ['fpga', 'eyeriss', 'raspi4', 'pixel3'] as const;

interface SpaceTables {
  readonly texts: readonly string[];
  readonly archs: readonly BlockArch[];
  readonly columns: Map<string, { source: DeviceSource; values: Float64Array }>;
}

const cache = new Map<HwSpace, SpaceTables>();

function tables(space: HwSpace): SpaceTables {
  const hit = cache.get(space);
  if (hit) return hit;
  const enc = encodingFor(space);
  const columns = new Map<string, { source: DeviceSource; values: Float64Array }>();
  let texts: string[];
  if (space === 'ofa-mbv3') {
    const recs = loadHelpOfaMbv3();
    const archs = recs.map((r) => ofaBlockArch(r.arch.ks, r.arch.e, r.arch.d, r.arch.r));
    texts = archs.map((a) => enc.format(a));
    for (const dev of Object.keys(recs[0]?.latencyMs ?? {})) {
      columns.set(dev, { source: 'help', values: Float64Array.from(recs, (r) => r.latencyMs[dev] ?? NaN) });
    }
    const t = { texts, archs, columns };
    cache.set(space, t);
    return t;
  }
  type Rows = LatencyTable<unknown>;
  const [hw, help]: [Rows, Rows] =
    space === 'nb201' ? [loadHwNasBenchNb201(), loadHelpNb201()] : [loadHwNasBenchFbnet(), loadHelpFbnet()];
  const keyText = (k: unknown): string =>
    space === 'nb201' ? (k as { archStr: string }).archStr : (k as { blocks: readonly string[] }).blocks.join(' ');
  texts = hw.rows.map((r) => keyText(r.key));
  const helpTexts = help.rows.map((r) => keyText(r.key));
  if (helpTexts.length !== texts.length || helpTexts.some((t, i) => t !== texts[i])) {
    throw new HwInputError(
      `hw-profiler.deviceCatalog: the HW-NAS-Bench and HELP ${space} tables list different architectures`,
    );
  }
  for (const dev of hw.devices)
    columns.set(dev, { source: 'hw-nas-bench', values: Float64Array.from(hw.rows, (r) => r.latencyMs[dev]!) });
  for (const dev of help.devices)
    columns.set(dev, { source: 'help', values: Float64Array.from(help.rows, (r) => r.latencyMs[dev]!) });
  const t = { texts, archs: texts.map((s) => enc.parse(s)), columns };
  cache.set(space, t);
  return t;
}

/** Devices with a latency table, optionally for one space. */
export function listDevices(space?: HwSpace): DeviceInfo[] {
  const spaces: HwSpace[] = space ? [space] : ['nb201', 'fbnet', 'ofa-mbv3'];
  return spaces.flatMap((s) =>
    [...tables(s).columns.entries()].map(([name, c]) => ({ name, space: s, source: c.source, unit: 'ms' as const })),
  );
}

/** The latency table of one device on one space. */
export function deviceDataset(space: HwSpace, name: string): DeviceDataset {
  const t = tables(space);
  const col = t.columns.get(name);
  if (!col) {
    throw new HwInputError(
      `hw-profiler.deviceDataset: Expected a ${space} device (${[...t.columns.keys()].join(', ')}) for name but received ${JSON.stringify(name)}`,
    );
  }
  return { name, space, source: col.source, unit: 'ms', texts: t.texts, archs: t.archs, latencyMs: col.values };
}
