// Errors of the Computation Graph model. Tests check the class; messages name the node and the fix.

/** A graph violates the CG rules (cycle, dangling node, shape mismatch, unknown field). */
export class GraphValidationError extends Error {
  override readonly name = 'GraphValidationError';
  constructor(
    message: string,
    /** Id of the offending node, when there is one. */
    readonly nodeId: number | null = null,
  ) {
    super(message);
  }
}

/** A builder call has bad arguments (unknown input node, channels not divisible by groups, ...). */
export class GraphBuildError extends Error {
  override readonly name = 'GraphBuildError';
}
