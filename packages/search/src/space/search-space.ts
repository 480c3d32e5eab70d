// The search-space contract every strategy works against (after NASLib's `search_spaces/core`):
// sampling, variation, hashing, a string encoding for logs, a feature vector for surrogates, and the
// Computation Graph of an architecture.
import type { Rng } from '@cgnas/native';
import type { ComputationGraph } from '@cgnas/cg-core';

export interface SearchSpace<A> {
  /** Short id used in logs and on the command line, e.g. `nb201`. */
  readonly name: string;
  /** Length of `features(arch)`. */
  readonly featureSize: number;
  sample(rng: Rng): A;
  /** A neighbour of `arch` (one local change); never `arch` itself unless the space has one element. */
  mutate(arch: A, rng: Rng): A;
  crossover(a: A, b: A, rng: Rng): A;
  /** Equal for architectures that compute the same function (isomorphic cells share a hash). */
  hash(arch: A): string;
  /** A lossless one-line string (for run logs and the command line); `decode(encode(a))` equals `a`. */
  encode(arch: A): string;
  decode(text: string): A;
  /** A fixed-length numeric vector for surrogate models. */
  features(arch: A): Float64Array;
  toGraph(arch: A): ComputationGraph;
}
