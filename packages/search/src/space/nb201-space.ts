// The NAS-Bench-201 cell space (Dong & Yang, ICLR 2020): 6 edges of a 4-node DAG, 5 ops each.
// Hashes are NB-201's own isomorphism key (`to_unique_str(consider_zero=True)`, 6,466 classes), so
// a search never pays twice for the same cell.
import type { Rng } from '@cgnas/native';
import {
  NB201_EDGES,
  NB201_OPS,
  formatNb201Arch,
  mutateNb201,
  nb201Graph,
  nb201Neighbours,
  parseNb201Arch,
  sampleNb201,
  type ComputationGraph,
  type Nb201Arch,
} from '@cgnas/cg-core';

import { SearchInputError } from '../errors.js';
import type { SearchSpace } from './search-space.js';

/**
 * The search representation of an NB-201 cell: the op index (into cg-core's NB201_OPS) of each edge,
 * in arch-string order 0→1, 0→2, 1→2, 0→3, 1→3, 2→3. Numbers make hashing and features cheap.
 */
export type Nb201Genome = readonly number[];

const N_OPS = NB201_OPS.length;
const N_EDGES = NB201_EDGES.length;
const NONE = 0;
const SKIP = 1;
// Paths from input to output as edge-index sequences; the path features follow BANANAS (White et al. 2021).
const PATHS: readonly (readonly number[])[] = [[3], [0, 4], [1, 5], [0, 2, 5]];

export interface Nb201SpaceOptions {
  /** Builds the Computation Graph of an arch string; default cg-core's `nb201Graph`. */
  readonly toGraph?: (archStr: string) => ComputationGraph;
}

export const NB201_SPACE_DEFAULTS: Required<Nb201SpaceOptions> = { toGraph: (archStr) => nb201Graph(archStr) };

function toNames(arch: Nb201Genome): Nb201Arch {
  return arch.map((i) => NB201_OPS[i]!) as unknown as Nb201Arch;
}

function fromNames(arch: Nb201Arch): Nb201Genome {
  return arch.map((op) => NB201_OPS.indexOf(op));
}

function validArch(arch: Nb201Genome): boolean {
  return arch.length === N_EDGES && arch.every((o) => Number.isInteger(o) && o >= 0 && o < N_OPS);
}

/** Number of features: 30 one-hot edge ops + 4 per-op counts + path-op counts (5 ops × 4 paths). */
const FEATURE_SIZE = N_EDGES * N_OPS + 4 + N_OPS * PATHS.length;

export class Nb201Space implements SearchSpace<Nb201Genome> {
  readonly name = 'nb201';
  readonly featureSize = FEATURE_SIZE;
  private readonly graphOf: (archStr: string) => ComputationGraph;

  constructor(options: Nb201SpaceOptions = {}) {
    this.graphOf = { ...NB201_SPACE_DEFAULTS, ...options }.toGraph;
  }

  /** Every arch in the space (15,625), the first edge varying fastest. */
  static all(): Nb201Genome[] {
    const out: Nb201Genome[] = [];
    for (let i = 0; i < N_OPS ** N_EDGES; i++) {
      const arch: number[] = [];
      let r = i;
      for (let e = 0; e < N_EDGES; e++) {
        arch.push(r % N_OPS);
        r = Math.floor(r / N_OPS);
      }
      out.push(arch);
    }
    return out;
  }

  sample(rng: Rng): Nb201Genome {
    return fromNames(parseNb201Arch(sampleNb201(rng)));
  }

  mutate(arch: Nb201Genome, rng: Rng): Nb201Genome {
    this.check(arch, 'mutate');
    return fromNames(parseNb201Arch(mutateNb201(this.encode(arch), rng)));
  }

  crossover(a: Nb201Genome, b: Nb201Genome, rng: Rng): Nb201Genome {
    this.check(a, 'crossover');
    this.check(b, 'crossover');
    return a.map((op, e) => (rng.float() < 0.5 ? op : b[e]!));
  }

  /** All archs differing from `arch` in exactly one edge (24 of them). */
  neighbours(arch: Nb201Genome): Nb201Genome[] {
    this.check(arch, 'neighbours');
    return nb201Neighbours(this.encode(arch)).map((s) => fromNames(parseNb201Arch(s)));
  }

  /**
   * `arch` with the edges that cannot carry signal from input to output set to `none` (all-`none`
   * when the output is disconnected), and, when nodes 1 and 2 are parallel (edge 1→2 is `none`), the
   * lexicographically smaller ordering of their two branches. Used for features.
   */
  canonical(arch: Nb201Genome): Nb201Genome {
    this.check(arch, 'canonical');
    const live = (e: number): boolean => arch[e] !== NONE;
    // Forward reachability from node 0 and backward reachability to node 3.
    const fromIn = [true, false, false, false];
    for (let k = 1; k < 4; k++) {
      NB201_EDGES.forEach(([j, t], e) => {
        if (t === k && fromIn[j] && live(e)) fromIn[k] = true;
      });
    }
    const toOut = [false, false, false, true];
    for (let k = 2; k >= 0; k--) {
      NB201_EDGES.forEach(([j, t], e) => {
        if (j === k && toOut[t] && live(e)) toOut[k] = true;
      });
    }
    if (!toOut[0]) return new Array<number>(N_EDGES).fill(NONE);
    const out = arch.map((op, e) => {
      const [j, t] = NB201_EDGES[e]!;
      return fromIn[j] && toOut[t] ? op : NONE;
    });
    if (out[2] === NONE) {
      // Branches 0→1→3 and 0→2→3 are interchangeable.
      const b1 = [out[0]!, out[4]!];
      const b2 = [out[1]!, out[5]!];
      if (b2[0]! < b1[0]! || (b2[0] === b1[0] && b2[1]! < b1[1]!)) {
        [out[0], out[4], out[1], out[5]] = [b2[0]!, b2[1]!, b1[0]!, b1[1]!];
      }
    }
    return out;
  }

  /**
   * NB-201's `Structure.to_unique_str(consider_zero=True)`: each node is the sorted sum of its
   * inputs, `skip_connect` passes its input's string through, `none` (or a zero input) is `#`.
   */
  hash(arch: Nb201Genome): string {
    this.check(arch, 'hash');
    const nodes = ['0'];
    for (let k = 1; k < 4; k++) {
      const terms: string[] = [];
      for (let e = 0; e < N_EDGES; e++) {
        const [j, t] = NB201_EDGES[e]!;
        if (t !== k) continue;
        const input = nodes[j]!;
        if (arch[e] === NONE || input === '#') terms.push('#');
        else if (arch[e] === SKIP) terms.push(input);
        else terms.push(`(${input})@${NB201_OPS[arch[e]!]}`);
      }
      nodes.push(terms.sort().join('+'));
    }
    return nodes[3]!;
  }

  encode(arch: Nb201Genome): string {
    this.check(arch, 'encode');
    return formatNb201Arch(toNames(arch));
  }

  decode(text: string): Nb201Genome {
    try {
      return fromNames(parseNb201Arch(text));
    } catch (e) {
      throw new SearchInputError(`search.Nb201Space.decode: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * One-hot edge ops and path-op counts of the canonical cell, plus the number of parametric ops.
   * The canonical form makes isomorphic cells share features; path counts capture which ops lie on
   * the same input→output route (they compose, unlike parallel edges which sum).
   */
  features(arch: Nb201Genome): Float64Array {
    const c = this.canonical(arch);
    const f = new Float64Array(FEATURE_SIZE);
    c.forEach((op, e) => (f[e * N_OPS + op] = 1));
    let off = N_EDGES * N_OPS;
    const count = (op: number): number => c.filter((o) => o === op).length;
    f[off++] = count(3);
    f[off++] = count(2);
    f[off++] = count(SKIP);
    f[off++] = count(4);
    for (let p = 0; p < PATHS.length; p++) {
      const path = PATHS[p]!;
      if (path.some((e) => c[e] === NONE)) continue;
      for (const e of path) f[off + p * N_OPS + c[e]!]! += 1 / path.length;
    }
    off += N_OPS * PATHS.length;
    return f;
  }

  toGraph(arch: Nb201Genome): ComputationGraph {
    return this.graphOf(this.encode(arch));
  }

  private check(arch: Nb201Genome, fn: string): void {
    if (!validArch(arch)) {
      throw new SearchInputError(
        `search.Nb201Space.${fn}: Expected 6 op indices in [0, ${N_OPS}) for arch but received ${JSON.stringify(arch)}`,
      );
    }
  }
}
