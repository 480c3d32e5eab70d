// The typed error of the zero-cost proxies: bad options, or a graph that cannot be instantiated
// as a tfjs network (unknown ops, several inputs).

/** A zero-cost proxy could not be computed for this graph or these options. */
export class ZeroCostError extends Error {
  override readonly name = 'ZeroCostError';
}
