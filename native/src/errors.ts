// Typed errors of @cgnas/native. Messages start with `native.<function>:` and say what to do.

/** An argument to a kernel has the wrong type, shape or range. */
export class NativeInputError extends Error {
  override readonly name = 'NativeInputError';
}

/** The addon could not be loaded and the caller asked for it explicitly. */
export class NativeUnavailableError extends Error {
  override readonly name = 'NativeUnavailableError';
  constructor(
    message: string,
    readonly causes: readonly LoadAttempt[],
  ) {
    super(message);
  }
}

export interface LoadAttempt {
  readonly path: string;
  readonly message: string;
}
