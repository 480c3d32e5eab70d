// The contract every mobile search-space family implements (NASLib `SearchSpace`: sample, mutate,
// toGraph), plus a compact native encoding so members travel through JSONL files and the CLI.
import type { Rng } from '@cgnas/native';

import type { ComputationGraph } from '../../graph/computation-graph.js';

export interface ArchFamily<A> {
  /** Family id, also written to `meta.family` of every graph. */
  readonly name: string;
  /** Parses the native encoding (a string, or an already-parsed JSON object); throws ArchError. */
  parse(encoded: unknown): A;
  /** The compact native encoding; `parse(encode(a))` equals `a`. */
  encode(arch: A): string;
  /** The whole network (stem, every block, head) as a Computation Graph. */
  toGraph(arch: A): ComputationGraph;
  /** A uniform random member. */
  sample(rng: Rng): A;
  /** A random neighbour: one choice changed to a different valid value. */
  mutate(arch: A, rng: Rng): A;
}
