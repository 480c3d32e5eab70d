// Typed errors of @cgnas/boltzmann. Messages start with `boltzmann.<function>:` and say what to do.

/** An argument has the wrong type, shape or range. */
export class BoltzmannInputError extends Error {
  override readonly name = 'BoltzmannInputError';
}

/** A serialised problem could not be parsed or does not describe a valid Ising model. */
export class BoltzmannFormatError extends Error {
  override readonly name = 'BoltzmannFormatError';
}
