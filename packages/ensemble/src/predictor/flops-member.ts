// The FLOPs member of the GENNAPE ensemble: bigger networks rank higher. Untrained; it anchors the
// ensemble with the strongest zero-cost prior on these benchmarks.
import type { EnsembleMember } from './ensemble-member.js';

export class FlopsMember<G> implements EnsembleMember<G> {
  readonly kind = 'flops' as const;

  fit(): void {}

  score(_inputs: readonly G[], gflops: ArrayLike<number>): Float64Array {
    return Float64Array.from(gflops);
  }

  getState(): { kind: 'flops' } {
    return { kind: 'flops' };
  }

  setState(): void {}

  dispose(): void {}
}
