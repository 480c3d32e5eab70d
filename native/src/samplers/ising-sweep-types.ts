// The contract of the Ising sweep kernel behind every cgnas sampler (Gibbs, SA, SQA, tempering):
// chain-parallel single-spin updates on a CSR graph, optionally on P coupled Trotter slices
// (path-integral Monte Carlo, Martoňák, Santoro & Tosatti 2002). Implemented in C++ and in JS.

export type SweepProposal = 'heat-bath' | 'metropolis';

/**
 * One call runs `classicalScale.length` sweeps. In sweep t, spin i of slice k in chain c has the
 * conditional log-weight
 *   log w(s) = −a_t·σ_c·s·(h_i + Σ_j J_ij s_j^k) + b_t·s·(s_i^{k−1} + s_i^{k+1})
 * with a_t = classicalScale[t], b_t = sliceCoupling[t], σ_c = chainScale[c] (1 when null), and
 * slices on a ring (k ± 1 mod P; with P = 1 the b term is absent). This is Gibbs sampling from
 * P(s) ∝ exp(−a Σ_k E(s^k) + b Σ_k Σ_i s_i^k s_i^{k+1}) for E(s) = Σ h_i s_i + Σ_{i<j} J_ij s_i s_j.
 */
export interface IsingSweepArgs {
  readonly n: number;
  /** CSR of the symmetric coupling graph: neighbours of i are indices[offsets[i]..offsets[i+1]). */
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  /** J for each CSR entry (each edge appears twice, once per endpoint, with the same value). */
  readonly weights: Float32Array;
  readonly h: Float32Array;
  readonly chains: number;
  /** Trotter slices P (1 = classical). */
  readonly slices: number;
  /** ±1 spins, length slices·n·chains, index (k·n + i)·chains + c (chain-major: chains contiguous). Updated in place. */
  readonly state: Int8Array;
  readonly classicalScale: Float64Array;
  /** Same length as classicalScale; ignored when slices = 1. */
  readonly sliceCoupling: Float64Array;
  readonly chainScale: Float32Array | null;
  /** Visit order of the spins within a slice (a permutation of 0..n−1); identity when null. */
  readonly order: Int32Array | null;
  readonly proposal: SweepProposal;
  /** Chain c draws from the stream derived from (seed, c). */
  readonly seed: number;
  /** Checked between sweeps; an aborted run keeps the sweeps already done. */
  readonly signal?: AbortSignal;
}

export interface IsingSweepResult {
  /** Wall-clock of the sweeps in nanoseconds. */
  readonly ns: number;
  /**
   * CPU time of the sweeps in nanoseconds, summed over the threads that ran them (native: each
   * worker's thread CPU clock; JS: the process CPU clock around the synchronous loop). On a busy
   * machine this, not `ns`, is the cost of the work.
   */
  readonly cpuNs: number;
  readonly sweepsDone: number;
  readonly cancelled: boolean;
}

export interface IsingSweepKernel {
  readonly backend: 'js' | 'native';
  sweep(args: IsingSweepArgs): Promise<IsingSweepResult>;
}
