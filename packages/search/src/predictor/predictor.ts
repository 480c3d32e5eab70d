// The surrogate contract of predictor-guided search (NASLib `predictors/predictor.py`): fit on
// labelled architectures, predict unlabelled ones; either may be async (a remote or GPU model such as
// the GENNAPE ensemble plugs in here).

export interface Prediction {
  readonly mean: number;
  /** Predictive standard deviation, when the model has one (ensembles, GPs). */
  readonly std?: number;
}

export interface Predictor<A> {
  fit(archs: readonly A[], labels: readonly number[]): void | Promise<void>;
  predict(archs: readonly A[]): readonly Prediction[] | Promise<readonly Prediction[]>;
}
