// The typed events a search run streams (and appends to its JSON-lines log). Architectures appear in
// their space's string encoding so every event is plain JSON and a log is self-contained.

/** One objective: its name (e.g. `acc`, `latency:pixel3`) and whether larger is better. */
export interface ObjectiveSpec {
  readonly name: string;
  readonly sense: 'max' | 'min';
}

export interface FrontPoint {
  readonly id: number;
  readonly arch: string;
  readonly objectives: readonly number[];
}

export interface RunConfig {
  readonly space: string;
  readonly strategy: string;
  readonly seed: number;
  readonly budget: number;
  readonly objectives: readonly ObjectiveSpec[];
  /** Strategy- and CLI-specific settings needed to rebuild the run on resume. */
  readonly settings: Readonly<Record<string, unknown>>;
}

export type SearchEvent =
  | { readonly type: 'started'; readonly config: RunConfig }
  | {
      readonly type: 'proposed';
      readonly id: number;
      readonly generation: number;
      readonly arch: string;
      readonly hash: string;
    }
  | {
      readonly type: 'evaluated';
      readonly id: number;
      readonly generation: number;
      readonly arch: string;
      readonly hash: string;
      /** null when the evaluation failed (see `error`). */
      readonly objectives: readonly number[] | null;
      readonly error?: string;
      /** True when an isomorphic arch was evaluated before: no query was spent. */
      readonly cached: boolean;
      /** Queries spent so far, this one included. */
      readonly queries: number;
    }
  | {
      readonly type: 'generation';
      readonly generation: number;
      readonly queries: number;
      /** Best value of the first objective so far (null before any success). */
      readonly best: number | null;
      readonly frontSize: number;
      /** Normalised hypervolume of the front after this generation (null for one objective or no bounds). */
      readonly hypervolume: number | null;
      /** Generator state after the generation: a checkpoint that resume verifies. */
      readonly rng: readonly [number, number, number, number];
    }
  | {
      readonly type: 'front-updated';
      readonly generation: number;
      readonly queries: number;
      readonly front: readonly FrontPoint[];
      /** Normalised hypervolume of the front (see `hypervolume`), when the run has a reference box. */
      readonly hypervolume: number | null;
    }
  | {
      readonly type: 'done';
      readonly queries: number;
      readonly generations: number;
      readonly reason: 'budget' | 'exhausted' | 'stalled';
      readonly best: FrontPoint | null;
      readonly front: readonly FrontPoint[];
      readonly hypervolume: number | null;
    };

export type SearchEventType = SearchEvent['type'];
