// The soft-positive weights of GENNAPE's contrastive loss: for anchor i, α^(i)_s ∝ exp(−d(i, s)/T)
// over candidates s ≠ i, d the Euclidean distance between the graphs' smallest normalised-Laplacian
// eigenvalues, so spectrally similar graphs count more as positives.
import { EncoderInputError } from '../errors.js';

/**
 * Row-stochastic B × B weights (zero diagonal) as a Float32Array. `groups` restricts candidates to
 * rows of the same group (variant A: same family); a row without candidates is all zeros.
 * Computed in float64 with the max-subtraction trick, so a small T does not underflow.
 */
export function spectralWeights(
  spectra: readonly Float64Array[],
  eigenvalues: number,
  temperature: number,
  groups: Int32Array | null = null,
): Float32Array {
  const B = spectra.length;
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new EncoderInputError(
      `encoder.spectralWeights: Expected a positive temperature but received ${String(temperature)}`,
    );
  }
  for (let i = 0; i < B; i++) {
    if (spectra[i]!.length < eigenvalues) {
      throw new EncoderInputError(
        `encoder.spectralWeights: Expected at least ${eigenvalues} eigenvalues per graph but graph ${i} has ${spectra[i]!.length}`,
      );
    }
  }
  const out = new Float32Array(B * B);
  const logits = new Float64Array(B);
  for (let i = 0; i < B; i++) {
    let max = -Infinity;
    for (let s = 0; s < B; s++) {
      logits[s] = -Infinity;
      if (s === i || (groups && groups[s] !== groups[i])) continue;
      let d2 = 0;
      for (let k = 0; k < eigenvalues; k++) {
        const diff = spectra[i]![k]! - spectra[s]![k]!;
        d2 += diff * diff;
      }
      logits[s] = -Math.sqrt(d2) / temperature;
      if (logits[s]! > max) max = logits[s]!;
    }
    if (max === -Infinity) continue;
    let sum = 0;
    for (let s = 0; s < B; s++) sum += logits[s] === -Infinity ? 0 : Math.exp(logits[s]! - max);
    for (let s = 0; s < B; s++) out[i * B + s] = logits[s] === -Infinity ? 0 : Math.exp(logits[s]! - max) / sum;
  }
  return out;
}
