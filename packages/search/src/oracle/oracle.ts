// Tabular oracles for honest benchmarking (NASLib `query_metrics`): an oracle answers objective
// vectors from published tables, counts every query, and knows each objective's range over its table
// (for normalised hypervolume) and its optimum (for "queries to optimum").
import type { ObjectiveSpec } from '../strategy/search-events.js';
import type { Evaluator } from '../strategy/run-search.js';

export interface Oracle<A> {
  readonly objectives: readonly ObjectiveSpec[];
  /** Queries answered so far. */
  readonly queries: number;
  /** Objective vector of one architecture; counts one query. Throws OracleError for unknown archs. */
  query(arch: A): readonly number[];
  /** [min, max] of each objective over the whole table. */
  bounds(): readonly (readonly [number, number])[];
  /** The best value of objective 0 in the table. */
  optimum(): number;
  /** This oracle as a batch evaluator (an unknown arch fails only its own candidate). */
  evaluator(): Evaluator<A>;
}
