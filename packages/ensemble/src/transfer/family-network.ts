// One labelled network of a benchmark family, as the transfer protocol consumes it: the encoder input
// (a Computation Graph in cgnas), accuracy, cost, and the published zero-cost scores for the baselines.

export interface FamilyNetwork<G> {
  /** Stable id inside the family (index or arch string). */
  readonly id: string;
  readonly input: G;
  /** Accuracy in %. */
  readonly accuracy: number;
  /** MACs / 1e9, as the benchmarks report "FLOPs". */
  readonly gflops: number;
  readonly paramsM: number;
  /** Published proxy scores (synflow, jacov, ...); NaN or absent when the benchmark has none. */
  readonly proxies: Readonly<Record<string, number>>;
}
