// The ask/tell contract between the run driver and a search strategy (random, REA, predictor-guided,
// NSGA-II). The driver owns budget, dedup and events; a strategy only proposes and learns.
import type { Rng } from '@cgnas/native';
import type { Observable } from 'rxjs';

/** A finished evaluation, handed back to the strategy in proposal order. */
export interface Evaluated<A> {
  readonly id: number;
  readonly arch: A;
  readonly hash: string;
  /** null when the evaluation failed. */
  readonly objectives: readonly number[] | null;
}

export interface Strategy<A> {
  readonly name: string;
  /** The generator every random choice of the strategy draws from (checkpointed in the log). */
  readonly rng: Rng;
  /**
   * Up to `max` new candidates. `isKnown(hash)` tells which isomorphism classes were already
   * evaluated, so a strategy can avoid spending proposals on them. An empty batch ends the run.
   */
  ask(max: number, isKnown: (hash: string) => boolean): readonly A[] | Promise<readonly A[]> | Observable<readonly A[]>;
  tell(results: readonly Evaluated<A>[]): void;
}
