// The cross-family transfer protocol of GENNAPE / CL fine-tune: for each target family, train on the
// other families, then per seed fine-tune on a few random target networks (50; 40 for NB-201) and test on
// the rest; zero-shot (no fine-tune) too; baselines (FLOPs, params, published synflow/jacov, the k-GNN
// member without contrastive pretraining) on the same test splits. Mean and std over seeds.
import { Rng } from '@cgnas/native';

import { EnsembleInputError } from '../errors.js';
import { kendallTau } from '../metrics/kendall-tau.js';
import { ndcgAtK } from '../metrics/ndcg-at-k.js';
import { spearman } from '../metrics/spearman.js';
import type { LabelledSet } from '../predictor/ensemble-member.js';
import { GennapeEnsemble, type EnsembleProgress, type GennapeEnsembleOptions } from '../predictor/gennape-ensemble.js';
import type { EncoderFactory } from '../predictor/trainable-encoder.js';
import { FAMILY_NAMES, type FamilyName } from './family-name.js';
import { MIN_FINETUNE_SIZE } from './finetune-sizes.js';
import type { FamilyNetwork } from './family-network.js';

export interface TransferOptions {
  readonly targets: readonly FamilyName[];
  readonly seeds: number;
  /** Fine-tune set size per target family (the papers': 50, 40 for NB-201; parseFinetuneSizes reads a spec). */
  readonly finetune: Readonly<Record<FamilyName, number>>;
  readonly ensemble: Partial<GennapeEnsembleOptions>;
  /** Published proxies to report as baselines (keys of FamilyNetwork.proxies). */
  readonly proxyBaselines: readonly string[];
  /**
   * Encoder of the "k-GNN without contrastive pretraining" baseline: one plain regressor (the ensemble's
   * 'kgnn' member setup) trained and fine-tuned on the same splits. Null reports the ensemble's own 'kgnn'
   * member instead, which is that baseline whenever the ensemble's encoder is the k-GNN itself.
   */
  readonly noClBaseline: EncoderFactory<unknown> | null;
}

export const TRANSFER_DEFAULTS: TransferOptions = {
  targets: ['nb101', 'nb201', 'nb301'],
  seeds: 5,
  finetune: { nb101: 50, nb201: 40, nb301: 50 },
  ensemble: {},
  proxyBaselines: ['synflow', 'jacov'],
  noClBaseline: null,
};

/** One table row, the shape `cgnas evaluate transfer --json` prints. */
export interface TransferRow {
  readonly target: FamilyName;
  /** 'cgnas' for the full ensemble; otherwise the baseline's name. */
  readonly method: string;
  readonly finetune: number;
  readonly n_test: number;
  readonly srcc_mean: number;
  readonly srcc_std: number;
  readonly kendall_mean: number;
  readonly ndcg10_mean: number;
  readonly zero_shot_srcc_mean: number | null;
}

export interface TransferScatter {
  readonly target: FamilyName;
  readonly truth: readonly number[];
  readonly predicted: readonly number[];
}

export interface TransferResult {
  readonly rows: readonly TransferRow[];
  readonly scatter: readonly TransferScatter[];
  /** Member weights after fine-tuning, per target, mean over seeds. */
  readonly memberWeights: Readonly<Partial<Record<FamilyName, Readonly<Record<string, number>>>>>;
  /** Each member's test SRCC after fine-tuning, per target, mean over seeds: what the ensemble combines. */
  readonly memberSrcc: Readonly<Partial<Record<FamilyName, Readonly<Record<string, number>>>>>;
  readonly wallTimeS: number;
  readonly trainTimeS: Readonly<Partial<Record<FamilyName, number>>>;
}

export type TransferProgress =
  | { readonly kind: 'load'; readonly family: FamilyName }
  | { readonly kind: 'train'; readonly target: FamilyName; readonly nTrain: number; readonly event: EnsembleProgress }
  | { readonly kind: 'seed'; readonly target: FamilyName; readonly seed: number; readonly srcc: number };

/** How the protocol gets its data: the target split and the training networks for a target. */
export interface TransferData<G> {
  target(family: FamilyName): readonly FamilyNetwork<G>[];
  sources(target: FamilyName): readonly FamilyNetwork<G>[];
}

function labelled<G>(nets: readonly FamilyNetwork<G>[]): LabelledSet<G> {
  return {
    inputs: nets.map((n) => n.input),
    accuracy: Float64Array.from(nets, (n) => n.accuracy),
    gflops: Float64Array.from(nets, (n) => n.gflops),
  };
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: readonly number[]): number => {
  const m = mean(v);
  return v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : 0;
};

interface Acc {
  srcc: number[];
  kendall: number[];
  ndcg: number[];
  zero: number[];
  nTest: number;
}

function metricsOn(truth: readonly number[], pred: readonly number[]): { srcc: number; kendall: number; ndcg: number } {
  return { srcc: spearman(truth, pred), kendall: kendallTau(truth, pred), ndcg: ndcgAtK(truth, pred, 10) };
}

/** Options of runTransfer: any subset, fine-tune sizes for some families only. */
export type TransferOptionsInput = Partial<Omit<TransferOptions, 'finetune'>> & {
  readonly finetune?: Readonly<Partial<Record<FamilyName, number>>>;
};

export async function runTransfer<G>(
  factory: EncoderFactory<G>,
  data: TransferData<G>,
  options: TransferOptionsInput = {},
  onProgress?: (p: TransferProgress) => void,
): Promise<TransferResult> {
  const o: TransferOptions = {
    ...TRANSFER_DEFAULTS,
    ...options,
    finetune: { ...TRANSFER_DEFAULTS.finetune, ...options.finetune },
  };
  if (!Number.isInteger(o.seeds) || o.seeds < 1) {
    throw new EnsembleInputError(`ensemble.runTransfer: Expected a positive integer for seeds but received ${o.seeds}`);
  }
  if (o.targets.length === 0)
    throw new EnsembleInputError('ensemble.runTransfer: Expected at least one target family but received []');
  const t0 = performance.now();
  const rows: TransferRow[] = [];
  const scatter: TransferScatter[] = [];
  const memberWeights: Partial<Record<FamilyName, Record<string, number>>> = {};
  const memberSrcc: Partial<Record<FamilyName, Record<string, number>>> = {};
  const trainTimeS: Partial<Record<FamilyName, number>> = {};
  for (const target of o.targets) {
    onProgress?.({ kind: 'load', family: target });
    const nets = data.target(target);
    const train = data.sources(target);
    const k = o.finetune[target];
    if (!Number.isSafeInteger(k) || k < MIN_FINETUNE_SIZE) {
      throw new EnsembleInputError(
        `ensemble.runTransfer: Expected an integer >= ${MIN_FINETUNE_SIZE} for the ${target} fine-tune size but received ${k}`,
      );
    }
    if (nets.length <= k + 1) {
      throw new EnsembleInputError(
        `ensemble.runTransfer: Expected more than ${k + 1} ${target} networks but received ${nets.length}`,
      );
    }
    const tTrain = performance.now();
    const ens = await GennapeEnsemble.train(factory, labelled(train), o.ensemble, (event) =>
      onProgress?.({ kind: 'train', target, nTrain: train.length, event }),
    );
    trainTimeS[target] = (performance.now() - tTrain) / 1000;
    const snapshot = ens.getState();
    const all = labelled(nets);
    const zero = ens.predict(all.inputs, all.gflops);
    // The no-CL baseline as a one-member ensemble: same heads, labels, schedule and splits as 'kgnn'.
    const base = o.noClBaseline
      ? await GennapeEnsemble.train(
          o.noClBaseline as EncoderFactory<G>,
          labelled(train),
          { ...o.ensemble, members: ['kgnn'] },
          (event) => onProgress?.({ kind: 'train', target, nTrain: train.length, event }),
        )
      : null;
    const baseSnapshot = base?.getState() ?? null;
    const baseZero = base?.predict(all.inputs, all.gflops).members.kgnn ?? null;
    const methods = new Map<string, Acc>();
    const acc = (m: string): Acc => {
      let a = methods.get(m);
      if (!a) methods.set(m, (a = { srcc: [], kendall: [], ndcg: [], zero: [], nTest: 0 }));
      return a;
    };
    const weightSums: Record<string, number> = {};
    const srccSums: Record<string, number> = {};
    for (let seed = 0; seed < o.seeds; seed++) {
      // The split stream is keyed by the family, not its place in `targets`: a target's splits are the
      // same whether it runs alone or beside others.
      const order = new Rng(seed, 1000 + FAMILY_NAMES.indexOf(target)).shuffle(nets.map((_, i) => i));
      const ft = order.slice(0, k);
      const test = order.slice(k);
      const truth = test.map((i) => nets[i]!.accuracy);
      ens.setState(snapshot);
      ens.fineTune(labelled(ft.map((i) => nets[i]!)), undefined, seed);
      const tuned = ens.predict(
        test.map((i) => nets[i]!.input),
        test.map((i) => nets[i]!.gflops),
      );
      ens.members.forEach((m, j) => {
        weightSums[m.kind] = (weightSums[m.kind] ?? 0) + ens.memberWeights[j]! / o.seeds;
        const s = spearman(truth, tuned.members[m.kind]!);
        srccSums[m.kind] = (srccSums[m.kind] ?? 0) + s / o.seeds;
      });
      const record = (
        method: string,
        pred: readonly number[],
        zeroPred: readonly number[] | null,
        truthHere = truth,
      ): void => {
        const a = acc(method);
        const r = metricsOn(truthHere, pred);
        a.srcc.push(r.srcc);
        a.kendall.push(r.kendall);
        a.ndcg.push(r.ndcg);
        if (zeroPred) a.zero.push(spearman(truthHere, zeroPred));
        a.nTest = truthHere.length;
      };
      record(
        'cgnas',
        Array.from(tuned.score),
        test.map((i) => zero.score[i]!),
      );
      onProgress?.({ kind: 'seed', target, seed, srcc: acc('cgnas').srcc.at(-1)! });
      if (base && baseSnapshot && baseZero) {
        base.setState(baseSnapshot);
        base.fineTune(labelled(ft.map((i) => nets[i]!)), undefined, seed);
        const tunedBase = base.predict(
          test.map((i) => nets[i]!.input),
          test.map((i) => nets[i]!.gflops),
        );
        record(
          'kgnn-no-cl',
          Array.from(tunedBase.members.kgnn!),
          test.map((i) => baseZero[i]!),
        );
      } else if (tuned.members.kgnn && zero.members.kgnn) {
        record(
          'kgnn-no-cl',
          Array.from(tuned.members.kgnn),
          test.map((i) => zero.members.kgnn![i]!),
        );
      }
      record(
        'flops',
        test.map((i) => nets[i]!.gflops),
        test.map((i) => nets[i]!.gflops),
      );
      record(
        'params',
        test.map((i) => nets[i]!.paramsM),
        test.map((i) => nets[i]!.paramsM),
      );
      for (const p of o.proxyBaselines) {
        const have = test.filter((i) => Number.isFinite(nets[i]!.proxies[p]));
        if (have.length < 10) continue;
        const s = have.map((i) => nets[i]!.proxies[p]!);
        record(
          p,
          s,
          s,
          have.map((i) => nets[i]!.accuracy),
        );
      }
      if (seed === 0) {
        scatter.push({ target, truth, predicted: Array.from(tuned.accuracy ?? tuned.score) });
      }
    }
    memberWeights[target] = weightSums;
    memberSrcc[target] = srccSums;
    ens.dispose();
    base?.dispose();
    for (const [method, a] of methods) {
      rows.push({
        target,
        method,
        finetune: method === 'cgnas' || method === 'kgnn-no-cl' ? k : 0,
        n_test: a.nTest,
        srcc_mean: mean(a.srcc),
        srcc_std: std(a.srcc),
        kendall_mean: mean(a.kendall),
        ndcg10_mean: mean(a.ndcg),
        zero_shot_srcc_mean: method === 'cgnas' || method === 'kgnn-no-cl' ? mean(a.zero) : null,
      });
    }
  }
  return { rows, scatter, memberWeights, memberSrcc, wallTimeS: (performance.now() - t0) / 1000, trainTimeS };
}
