// Typed errors of @cgnas/search. Messages start with `search.<function>:` and say what to do instead;
// tests check the class, not the wording.

/** An argument (option, architecture string, objective spec) is malformed or out of range. */
export class SearchInputError extends Error {
  override readonly name = 'SearchInputError';
}

/** An oracle was asked about an architecture it has no record of. */
export class OracleError extends Error {
  override readonly name = 'OracleError';
}

/** A run log cannot be read, or resuming it does not reproduce the logged run. */
export class RunLogError extends Error {
  override readonly name = 'RunLogError';
}
