// What exact inference returns: log Z and the sufficient statistics ⟨s_i⟩, ⟨s_i s_j⟩ (per edge).

export interface IsingMoments {
  readonly logZ: number;
  /** ⟨s_i⟩ for each spin. */
  readonly mean: Float64Array;
  /** ⟨s_i s_j⟩ for each edge, in the model's edge order. */
  readonly corr: Float64Array;
}
