// Seeded K-fold split of n items for out-of-fold member weights (gennape-ensemble.ts weightFolds): a
// shuffle, then items dealt round-robin, so fold sizes differ by at most one.
import { Rng } from '@cgnas/native';

/** The fold (0 … folds − 1) of each of `n` items; the same for the same (n, folds, seed). */
export function foldAssignment(n: number, folds: number, seed: number): Int32Array {
  const order = new Rng(seed, 4099).shuffle(Array.from({ length: n }, (_, i) => i));
  const foldOf = new Int32Array(n);
  order.forEach((i, r) => (foldOf[i] = r % folds));
  return foldOf;
}
