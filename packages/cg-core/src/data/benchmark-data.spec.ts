import { describe, expect, it, vi, afterEach } from 'vitest';

import {
  loadHelpFbnet,
  loadHelpNb201,
  loadHelpOfaMbv3,
  loadHwNasBenchFbnet,
  loadHwNasBenchNb201,
  loadNb101Sample,
  loadNb201,
  loadNb201SuiteZero,
  loadNb201ZeroCost,
  loadNb301Sample,
} from './benchmark-data.js';
import { DataFileError, dataPath, parseCsv, parseJsonl } from './data-files.js';

describe('embedded benchmark data', { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllEnvs());

  it('NB-201 has all 15,625 cells, the published optimum and mean', () => {
    const rows = loadNb201();
    expect(rows).toHaveLength(15625);
    expect(new Set(rows.map((r) => r.archStr)).size).toBe(15625);
    const best = rows.reduce((a, b) => (b.cifar10TestAcc > a.cifar10TestAcc ? b : a));
    expect(best.index).toBe(6111);
    expect(best.cifar10TestAcc).toBeCloseTo(94.37333, 4);
    const mean = rows.reduce((s, r) => s + r.cifar10TestAcc, 0) / rows.length;
    expect(mean).toBeCloseTo(87.063, 2);
  });

  it('NB-101 and NB-301 samples have their documented sizes and ranges', () => {
    const nb101 = loadNb101Sample();
    expect(nb101).toHaveLength(500);
    expect(Math.max(...nb101.map((r) => r.valAccuracy))).toBeCloseTo(94.71, 1);
    const nb301 = loadNb301Sample();
    expect(nb301).toHaveLength(1218);
    expect(Math.min(...nb301.map((r) => r.valAccuracy))).toBeCloseTo(90.73, 1);
  });

  it('latency tables match HW-NAS-Bench\'s own printed values for arch 0', () => {
    const hw = loadHwNasBenchNb201();
    expect(hw.devices).toEqual(['fpga', 'eyeriss', 'raspi4', 'pixel3']);
    expect(hw.rows[0]!.latencyMs.fpga).toBe(2.57296);
    expect(hw.rows[0]!.latencyMs.pixel3).toBe(3.6058499999999998);
    expect(hw.rows).toHaveLength(15625);
    expect(loadHwNasBenchFbnet().rows[0]!.key.blocks).toHaveLength(22);
    expect(loadHelpNb201().devices).toHaveLength(20);
    expect(loadHelpFbnet().devices).toHaveLength(20);
    const ofa = loadHelpOfaMbv3();
    expect(ofa).toHaveLength(5000);
    expect(Object.keys(ofa[0]!.latencyMs)).toHaveLength(12);
    expect(loadNb201ZeroCost()).toHaveLength(15625);
    expect(loadNb201SuiteZero()).toHaveLength(3312);
  });

  it('a missing data folder is a DataFileError naming the fix', () => {
    vi.stubEnv('CGNAS_DATA_DIR', '/nonexistent/cgnas-data');
    expect(() => dataPath('nas-bench-201/nb201_tss_accuracy.csv')).toThrow(DataFileError);
    expect(() => dataPath('nas-bench-201/nb201_tss_accuracy.csv')).toThrow(/CGNAS_DATA_DIR/);
  });

  it('malformed CSV and JSONL are DataFileErrors with the location', () => {
    expect(() => parseCsv('a,b\n1,2,3\n', 'bad.csv')).toThrow(DataFileError);
    expect(() => parseCsv('a,b\n1,2\n', 'x.csv', ['c'])).toThrow(/lacks the columns c/);
    expect(() => parseJsonl('{"a":1}\n{oops\n', 'bad.jsonl')).toThrow(/line 2/);
  });
});
