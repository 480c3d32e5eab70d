// Typed errors of @cgnas/ensemble. Messages start with `ensemble.<function>:` and say what to do instead;
// tests check the class, not the wording.

/** An argument has the wrong type, length, range or contains NaN (empty accuracies, mismatched widths, ...). */
export class EnsembleInputError extends Error {
  override readonly name = 'EnsembleInputError';
}

/** A benchmark family name is not one cgnas knows (nb101, nb201, nb301). */
export class UnknownFamilyError extends Error {
  override readonly name = 'UnknownFamilyError';
}

/** A model directory is missing, incomplete, or was written by another format version. */
export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
}
