// Few-shot latency transfer to a new device (the setting of HELP, Lee et al. NeurIPS 2021): the new
// device's log latency is modelled as a linear function of the log latencies of known devices, fitted
// on ~10 measured networks. Leave-one-out error on those samples picks between one-device fits (the
// closest known device, rescaled) and ridge combinations of all devices, so no test data is consulted.
import type { BlockArch, HwSpace } from '../encoding/space-encoding.js';
import { HwInputError, PredictorFileError } from '../errors.js';
import { DeviceBasis, type DeviceBasisJson } from './device-basis.js';
import { ridgeFit, ridgePredict, type RidgeModel } from './ridge-fit.js';

export interface FewShotOptions {
  /** Ridge penalties tried for the all-device combination. */
  readonly lambdas?: readonly number[];
}

export const FEW_SHOT_DEFAULTS: Required<FewShotOptions> = { lambdas: [0.01, 0.1, 1, 10] };

export interface FewShotJson {
  readonly kind: 'few-shot';
  readonly basis: DeviceBasisJson;
  /** Basis columns the model reads (one for a one-device fit, all for a ridge fit). */
  readonly columns: readonly number[];
  readonly intercept: number;
  readonly weights: readonly number[];
  readonly choice: string;
  readonly looRmseLog: number;
}

interface Candidate {
  readonly name: string;
  readonly columns: readonly number[];
  readonly lambda: number;
}

export class FewShotPredictor {
  private constructor(
    readonly basis: DeviceBasis,
    private readonly columns: readonly number[],
    private readonly model: RidgeModel,
    /** Which model the leave-one-out selection chose, e.g. `device:titanx_32` or `ridge:1`. */
    readonly choice: string,
    readonly looRmseLog: number,
  ) {}

  static fit(
    basis: DeviceBasis,
    archs: readonly BlockArch[],
    latencyMs: ArrayLike<number>,
    options: FewShotOptions = {},
  ): FewShotPredictor {
    const o = { ...FEW_SHOT_DEFAULTS, ...options };
    const n = archs.length;
    if (n < 3 || latencyMs.length !== n) {
      throw new HwInputError(
        `hw-profiler.FewShotPredictor.fit: Expected >= 3 measured archs with one latency each but received ${n} archs, ${latencyMs.length} latencies`,
      );
    }
    const y = Float64Array.from(latencyMs, (v) => {
      if (!(v > 0) || !Number.isFinite(v))
        throw new HwInputError(
          `hw-profiler.FewShotPredictor.fit: Expected positive finite latencies but received ${v}`,
        );
      return Math.log(v);
    });
    const x = archs.map((a) => basis.features(a));
    const all = basis.devices.map((_, k) => k);
    const cands: Candidate[] = [
      ...o.lambdas.map((l) => ({ name: `ridge:${l}`, columns: all, lambda: l })),
      ...basis.devices.map((d, k) => ({ name: `device:${d}`, columns: [k], lambda: 0 })),
    ];
    const pick = (rows: readonly number[], cols: readonly number[]): Float64Array[] =>
      rows.map((i) => Float64Array.from(cols, (c) => x[i]![c]!));
    let best: Candidate = cands[0]!;
    let bestErr = Infinity;
    for (const c of cands) {
      let err = 0;
      for (let j = 0; j < n; j++) {
        const rows = Array.from({ length: n }, (_, i) => i).filter((i) => i !== j);
        const m = ridgeFit(
          pick(rows, c.columns),
          rows.map((i) => y[i]!),
          c.lambda,
        );
        err += (ridgePredict(m, pick([j], c.columns)[0]!) - y[j]!) ** 2;
      }
      if (err < bestErr) {
        bestErr = err;
        best = c;
      }
    }
    const rows = Array.from({ length: n }, (_, i) => i);
    const model = ridgeFit(pick(rows, best.columns), y, best.lambda);
    return new FewShotPredictor(basis, best.columns, model, best.name, Math.sqrt(bestErr / n));
  }

  static fromJSON(json: unknown): FewShotPredictor {
    const j = json as Partial<FewShotJson> | null;
    if (
      !j ||
      j.kind !== 'few-shot' ||
      !j.basis ||
      !Array.isArray(j.columns) ||
      !Array.isArray(j.weights) ||
      typeof j.intercept !== 'number'
    ) {
      throw new PredictorFileError(
        'hw-profiler.FewShotPredictor.fromJSON: Expected a {kind:"few-shot", basis, columns, weights} object; re-run `cgnas latency fit`',
      );
    }
    const basis = DeviceBasis.fromJSON(j.basis);
    if (j.columns.some((c) => !(c >= 0 && c < basis.devices.length)) || j.columns.length !== j.weights.length) {
      throw new PredictorFileError(
        'hw-profiler.FewShotPredictor.fromJSON: columns and weights do not match the basis; re-run `cgnas latency fit`',
      );
    }
    return new FewShotPredictor(
      basis,
      j.columns,
      { intercept: j.intercept, weights: Float64Array.from(j.weights) },
      j.choice ?? '',
      j.looRmseLog ?? NaN,
    );
  }

  get space(): HwSpace {
    return this.basis.space;
  }

  predict(arch: BlockArch): number {
    const f = this.basis.features(arch);
    return Math.exp(
      ridgePredict(
        this.model,
        Float64Array.from(this.columns, (c) => f[c]!),
      ),
    );
  }

  toJSON(): FewShotJson {
    return {
      kind: 'few-shot',
      basis: this.basis.toJSON(),
      columns: this.columns,
      intercept: this.model.intercept,
      weights: Array.from(this.model.weights),
      choice: this.choice,
      looRmseLog: this.looRmseLog,
    };
  }
}
