// Typed loaders for the embedded benchmark tables (see data/*/SOURCE.md for provenance and schema).
import { cachedData, dataPath, DataFileError, num, parseCsv, parseJsonl, readTextFile } from './data-files.js';

/** One NAS-Bench-201 cell with its accuracies (%, 200-epoch schedule unless noted) and params (M). */
export interface Nb201Record {
  readonly index: number;
  readonly archStr: string;
  readonly cifar10TestAcc: number;
  readonly cifar10ValidAcc: number;
  readonly cifar100TestAcc: number;
  readonly cifar100ValidAcc: number;
  readonly imagenet16TestAcc: number;
  readonly imagenet16ValidAcc: number;
  readonly paramsM: number;
  readonly cifar10TrainTimeTotalS: number;
}

export function loadNb201(): readonly Nb201Record[] {
  return cachedData('nb201', () => {
    const file = dataPath('nas-bench-201/nb201_tss_accuracy.csv');
    const rows = parseCsv(readTextFile(file), file, ['index', 'arch_str', 'cifar10_test_acc', 'params_m']);
    return rows.map((r) => ({
      index: num(r.index),
      archStr: r.arch_str!,
      cifar10TestAcc: num(r.cifar10_test_acc),
      cifar10ValidAcc: num(r.cifar10valid_valid_acc),
      cifar100TestAcc: num(r.cifar100_xtest_acc),
      cifar100ValidAcc: num(r.cifar100_xvalid_acc_derived),
      imagenet16TestAcc: num(r.imagenet16_xtest_acc),
      imagenet16ValidAcc: num(r.imagenet16_xvalid_acc_derived),
      paramsM: num(r.params_m),
      cifar10TrainTimeTotalS: num(r.cifar10_train_time_total_s),
    }));
  });
}

/** Zero-cost proxy scores NASLib published (NAS-Bench-Suite-Zero); failure sentinels become NaN. */
export type ZeroCostScores = Readonly<Record<string, number>>;

function zc(raw: unknown): ZeroCostScores {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    out[k] = typeof v === 'number' && v !== -100000000 ? v : NaN;
  }
  return out;
}

export interface Nb101Record {
  readonly matrix: readonly (readonly number[])[];
  readonly ops: readonly string[];
  readonly valAccuracy: number;
  /** zc.flops is MFLOPs, zc.params millions (NASLib). */
  readonly zc: ZeroCostScores;
}

export function loadNb101Sample(): readonly Nb101Record[] {
  return cachedData('nb101', () => {
    const file = dataPath('nas-bench-101/nb101_naslib_sample500.jsonl');
    return parseJsonl(readTextFile(file), file).map((raw, i) => {
      const r = raw as { matrix?: number[][]; ops?: string[]; val_accuracy?: number; zc?: unknown };
      if (!Array.isArray(r.matrix) || !Array.isArray(r.ops) || typeof r.val_accuracy !== 'number') {
        throw new DataFileError(`cg-core.loadNb101Sample: ${file} line ${i + 1} lacks matrix, ops or val_accuracy`);
      }
      return { matrix: r.matrix, ops: r.ops, valAccuracy: r.val_accuracy, zc: zc(r.zc) };
    });
  });
}

/** A DARTS cell as NB-301 stores it: [op, input] pairs, two per intermediate node. */
export type DartsCellList = readonly (readonly [string, number])[];

export interface Nb301Record {
  readonly normal: DartsCellList;
  readonly normalConcat: readonly number[];
  readonly reduce: DartsCellList;
  readonly reduceConcat: readonly number[];
  readonly valAccuracy: number;
  readonly zc: ZeroCostScores;
}

export function loadNb301Sample(): readonly Nb301Record[] {
  return cachedData('nb301', () => {
    const file = dataPath('nas-bench-301/nb301_naslib_sample.jsonl');
    return parseJsonl(readTextFile(file), file).map((raw, i) => {
      const r = raw as {
        normal?: [string, number][];
        normal_concat?: number[];
        reduce?: [string, number][];
        reduce_concat?: number[];
        val_accuracy?: number;
        zc?: unknown;
      };
      if (!r.normal || !r.reduce || !r.normal_concat || !r.reduce_concat || typeof r.val_accuracy !== 'number') {
        throw new DataFileError(`cg-core.loadNb301Sample: ${file} line ${i + 1} lacks a genotype field or val_accuracy`);
      }
      return {
        normal: r.normal,
        normalConcat: r.normal_concat,
        reduce: r.reduce,
        reduceConcat: r.reduce_concat,
        valAccuracy: r.val_accuracy,
        zc: zc(r.zc),
      };
    });
  });
}

/** A latency table: one row per architecture, one column per device (ms). */
export interface LatencyTable<K> {
  readonly devices: readonly string[];
  readonly rows: readonly { readonly key: K; readonly latencyMs: Readonly<Record<string, number>> }[];
}

function latencyTable<K>(
  relPath: string,
  keyColumns: readonly string[],
  key: (r: Record<string, string>) => K,
): LatencyTable<K> {
  const file = dataPath(relPath);
  const rows = parseCsv(readTextFile(file), file, keyColumns);
  const devices = Object.keys(rows[0] ?? {})
    .filter((c) => !keyColumns.includes(c))
    .map((c) => c.replace(/(_latency)?_ms$/, ''));
  const columns = Object.keys(rows[0] ?? {}).filter((c) => !keyColumns.includes(c));
  return {
    devices,
    rows: rows.map((r) => {
      const latencyMs: Record<string, number> = {};
      columns.forEach((c, i) => (latencyMs[devices[i]!] = num(r[c])));
      return { key: key(r), latencyMs };
    }),
  };
}

export interface Nb201LatencyKey {
  readonly index: number;
  readonly archStr: string;
}

/** HW-NAS-Bench NB-201 (CIFAR-10) latencies: fpga, eyeriss, raspi4, pixel3. */
export function loadHwNasBenchNb201(): LatencyTable<Nb201LatencyKey> {
  return cachedData('hwnb-nb201', () =>
    latencyTable('hw-nas-bench/hwnb_nb201_cifar10_latency.csv', ['index', 'arch_str'], (r) => ({
      index: num(r.index),
      archStr: r.arch_str!,
    })),
  );
}

export interface FbnetLatencyKey {
  readonly sample: number;
  /** 22 FBNet block names, e.g. k5_e6, k3_e1_g2, skip. */
  readonly blocks: readonly string[];
}

/** HW-NAS-Bench FBNet (CIFAR-100) latencies: fpga, eyeriss, raspi4, pixel3. */
export function loadHwNasBenchFbnet(): LatencyTable<FbnetLatencyKey> {
  return cachedData('hwnb-fbnet', () =>
    latencyTable('hw-nas-bench/hwnb_fbnet_cifar100_latency.csv', ['sample', 'blocks', 'op_idx'], (r) => ({
      sample: num(r.sample),
      blocks: r.blocks!.split(' '),
    })),
  );
}

/** HELP NB-201 latencies on 20 GPU/CPU/phone settings (`<device>[_<batch>]`). */
export function loadHelpNb201(): LatencyTable<Nb201LatencyKey> {
  return cachedData('help-nb201', () =>
    latencyTable('help-latency/help_nb201_latency.csv', ['index', 'arch_str'], (r) => ({
      index: num(r.index),
      archStr: r.arch_str!,
    })),
  );
}

/** HELP FBNet latencies on 20 device settings. */
export function loadHelpFbnet(): LatencyTable<FbnetLatencyKey> {
  return cachedData('help-fbnet', () =>
    latencyTable('help-latency/help_fbnet_latency.csv', ['sample', 'blocks', 'op_idx'], (r) => ({
      sample: num(r.sample),
      blocks: r.blocks!.split(' '),
    })),
  );
}

/** An Once-for-All MobileNetV3 subnet as HELP stores it. */
export interface OfaMbv3Arch {
  /** 20 kernel sizes (3, 5, 7), one per block slot (4 slots per stage). */
  readonly ks: readonly number[];
  /** 20 expand ratios (3, 4, 6). */
  readonly e: readonly number[];
  /** 5 stage depths (2, 3, 4). */
  readonly d: readonly number[];
  /** Input resolution. */
  readonly r: number;
}

export interface OfaMbv3LatencyRecord {
  readonly sample: number;
  readonly arch: OfaMbv3Arch;
  readonly latencyMs: Readonly<Record<string, number>>;
}

/** HELP OFA-MobileNetV3 latencies on 12 GPU settings (no accuracy). */
export function loadHelpOfaMbv3(): readonly OfaMbv3LatencyRecord[] {
  return cachedData('help-ofa', () => {
    const file = dataPath('help-latency/help_ofa_mbv3_latency.jsonl');
    return parseJsonl(readTextFile(file), file).map((raw, i) => {
      const r = raw as { sample?: number; ks?: number[]; e?: number[]; d?: number[]; r?: number; latency_ms?: Record<string, number> };
      if (!r.ks || !r.e || !r.d || typeof r.r !== 'number' || !r.latency_ms) {
        throw new DataFileError(`cg-core.loadHelpOfaMbv3: ${file} line ${i + 1} lacks ks, e, d, r or latency_ms`);
      }
      return { sample: r.sample ?? i, arch: { ks: r.ks, e: r.e, d: r.d, r: r.r }, latencyMs: r.latency_ms };
    });
  });
}

export interface Nb201ZeroCostRecord {
  readonly index: number;
  readonly archStr: string;
  /** Published scores by column name, e.g. cifar10_naswot, cifar10_logsynflow, cifar10_zen, naswot_v1_cifar10. */
  readonly scores: Readonly<Record<string, number>>;
}

/** Published zero-cost scores for all 15,625 NB-201 cells (FreeREA, NASWOT, NASLib Zen). */
export function loadNb201ZeroCost(): readonly Nb201ZeroCostRecord[] {
  return cachedData('nb201-zc', () => {
    const file = dataPath('zero-cost/nb201_zero_cost_full.csv');
    const rows = parseCsv(readTextFile(file), file, ['index', 'arch_str']);
    return rows.map((r) => {
      const scores: Record<string, number> = {};
      for (const [k, v] of Object.entries(r)) if (k !== 'index' && k !== 'arch_str') scores[k] = num(v);
      return { index: num(r.index), archStr: r.arch_str!, scores };
    });
  });
}

export interface Nb201SuiteZeroRecord {
  readonly dataset: string;
  readonly index: number;
  readonly archStr: string;
  readonly valAccuracy: number;
  /** NASLib proxies: flops, params, epe_nas, fisher, grad_norm, grasp, jacov, l2_norm, nwot, plain, snip, synflow. */
  readonly zc: ZeroCostScores;
}

/** NAS-Bench-Suite-Zero NB-201 sample: 1,104 cells x 3 datasets with NASLib's proxy scores. */
export function loadNb201SuiteZero(): readonly Nb201SuiteZeroRecord[] {
  return cachedData('nb201-suite-zero', () => {
    const file = dataPath('zero-cost/nb201_suite_zero_sample.jsonl');
    return parseJsonl(readTextFile(file), file).map((raw) => {
      const r = raw as { dataset: string; index: number; arch_str: string; naslib_val_accuracy: number; zc: unknown };
      return { dataset: r.dataset, index: r.index, archStr: r.arch_str, valAccuracy: r.naslib_val_accuracy, zc: zc(r.zc) };
    });
  });
}
