// A search space restricted to a known set of architectures (the embedded NB-101/NB-301 samples,
// which is all their oracles know): sampling is uniform over the set, a mutation moves to a nearest
// known neighbour by edit distance, and a crossover child snaps to the known arch nearest to it.
import type { Rng } from '@cgnas/native';
import type { ComputationGraph } from '@cgnas/cg-core';

import { SearchInputError } from '../errors.js';
import type { SearchSpace } from './search-space.js';

/** How to read, compare and vary the archs of an unrestricted space. */
export interface ArchCodec<A> {
  readonly name: string;
  readonly featureSize: number;
  encode(arch: A): string;
  decode(text: string): A;
  hash(arch: A): string;
  features(arch: A): Float64Array;
  /** Edit distance (0 for isomorphic archs). */
  distance(a: A, b: A): number;
  /** An unrestricted child of two parents (snapped to the known set afterwards). */
  crossover(a: A, b: A, rng: Rng): A;
  toGraph?(arch: A): ComputationGraph;
}

export class RestrictedSpace<A> implements SearchSpace<A> {
  readonly name: string;
  readonly featureSize: number;
  private readonly members: readonly A[];
  private readonly hashes: readonly string[];
  private readonly byHash = new Map<string, number>();
  // Hashes of the known archs and of recent queries, by object identity (NB-101 hashing is MD5-heavy).
  private readonly hashCache = new WeakMap<object, string>();
  // Nearest known neighbours of each arch mutated so far, by hash (mutation is a nearest-neighbour scan).
  private readonly nearestCache = new Map<string, readonly number[]>();

  constructor(
    private readonly codec: ArchCodec<A>,
    known: readonly A[],
  ) {
    this.name = codec.name;
    this.featureSize = codec.featureSize;
    const members: A[] = [];
    const hashes: string[] = [];
    for (const a of known) {
      const h = codec.hash(a);
      if (typeof a === 'object' && a !== null) this.hashCache.set(a, h);
      if (this.byHash.has(h)) continue;
      this.byHash.set(h, members.length);
      members.push(a);
      hashes.push(h);
    }
    if (members.length < 2) {
      throw new SearchInputError(
        `search.RestrictedSpace: Expected at least 2 distinct known archs but received ${members.length}`,
      );
    }
    this.members = members;
    this.hashes = hashes;
  }

  get size(): number {
    return this.members.length;
  }

  /** The known archs (one per isomorphism class). */
  get archs(): readonly A[] {
    return this.members;
  }

  has(arch: A): boolean {
    return this.byHash.has(this.hash(arch));
  }

  sample(rng: Rng): A {
    return this.members[rng.int(this.members.length)]!;
  }

  /** A random one among the known archs nearest to `arch` (other than itself). */
  mutate(arch: A, rng: Rng): A {
    const h = this.hash(arch);
    let ties = this.nearestCache.get(h);
    if (!ties) {
      ties = this.nearestIndices(arch, h);
      this.nearestCache.set(h, ties);
    }
    return this.members[ties[rng.int(ties.length)]!]!;
  }

  crossover(a: A, b: A, rng: Rng): A {
    const child = this.codec.crossover(a, b, rng);
    const i = this.byHash.get(this.hash(child));
    return i !== undefined ? this.members[i]! : this.nearest(child, rng, null);
  }

  hash(arch: A): string {
    if (typeof arch !== 'object' || arch === null) return this.codec.hash(arch);
    let h = this.hashCache.get(arch);
    if (h === undefined) {
      h = this.codec.hash(arch);
      this.hashCache.set(arch, h);
    }
    return h;
  }

  encode(arch: A): string {
    return this.codec.encode(arch);
  }

  decode(text: string): A {
    const arch = this.codec.decode(text);
    if (!this.has(arch)) {
      throw new SearchInputError(
        `search.RestrictedSpace.decode: ${text} is not among the ${this.size} known ${this.name} archs`,
      );
    }
    return arch;
  }

  features(arch: A): Float64Array {
    return this.codec.features(arch);
  }

  toGraph(arch: A): ComputationGraph {
    if (!this.codec.toGraph) {
      throw new SearchInputError(
        `search.RestrictedSpace.toGraph: the ${this.name} codec has no graph builder; pass one to its codec`,
      );
    }
    return this.codec.toGraph(arch);
  }

  private nearest(arch: A, rng: Rng, exclude: string | null): A {
    const ties = this.nearestIndices(arch, exclude);
    return this.members[ties[rng.int(ties.length)]!]!;
  }

  private nearestIndices(arch: A, exclude: string | null): number[] {
    let bestD = Infinity;
    let ties: number[] = [];
    this.members.forEach((m, i) => {
      if (this.hashes[i] === exclude) return;
      const d = this.codec.distance(arch, m);
      if (d < bestD) {
        bestD = d;
        ties = [i];
      } else if (d === bestD) ties.push(i);
    });
    return ties;
  }
}
