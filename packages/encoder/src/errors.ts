// Typed errors of @cgnas/encoder. Messages start with `encoder.<function>:` and say what to do instead.

/** An argument has the wrong type, shape or range. */
export class EncoderInputError extends Error {
  override readonly name = 'EncoderInputError';
}

/** A saved model directory is missing, damaged, or from another format version. */
export class EncoderFormatError extends Error {
  override readonly name = 'EncoderFormatError';
}

/** The encoder was used after dispose(), or a resume does not match the run it resumes. */
export class EncoderStateError extends Error {
  override readonly name = 'EncoderStateError';
}
