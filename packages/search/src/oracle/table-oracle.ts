// An oracle over a table keyed by the space's encoding: the common core of the NB-201, NB-101,
// NB-301 and latency-table oracles.
import { OracleError } from '../errors.js';
import type { ObjectiveSpec } from '../strategy/search-events.js';
import type { Evaluator } from '../strategy/run-search.js';
import type { Oracle } from './oracle.js';

export class TableOracle<A> implements Oracle<A> {
  private count = 0;
  private readonly range: (readonly [number, number])[];

  /** `rows` maps a key (`keyOf(arch)`) to its objective vector, in `objectives` order. */
  constructor(
    readonly objectives: readonly ObjectiveSpec[],
    private readonly rows: ReadonlyMap<string, readonly number[]>,
    private readonly keyOf: (arch: A) => string,
    private readonly label = 'TableOracle',
  ) {
    this.range = objectives.map((_, k) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of rows.values()) {
        if (Number.isFinite(v[k]!)) {
          lo = Math.min(lo, v[k]!);
          hi = Math.max(hi, v[k]!);
        }
      }
      return [lo, hi] as const;
    });
  }

  get queries(): number {
    return this.count;
  }

  get size(): number {
    return this.rows.size;
  }

  query(arch: A): readonly number[] {
    const key = this.keyOf(arch);
    const row = this.rows.get(key);
    if (!row) {
      throw new OracleError(
        `search.${this.label}.query: no record for ${key}; search a space restricted to the table's archs`,
      );
    }
    this.count++;
    return row;
  }

  bounds(): readonly (readonly [number, number])[] {
    return this.range;
  }

  optimum(): number {
    const r = this.range[0]!;
    return this.objectives[0]!.sense === 'max' ? r[1] : r[0];
  }

  evaluator(): Evaluator<A> {
    return (batch) =>
      batch.map((arch) => {
        try {
          return this.query(arch);
        } catch (e) {
          return e instanceof Error ? e : new Error(String(e));
        }
      });
  }
}
