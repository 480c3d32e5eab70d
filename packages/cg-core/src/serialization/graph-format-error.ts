// Error of the CG file format: text that is not JSON, not a cgnas.cg document, of another version, or with
// fields the schema does not know. (A well-formed document describing a broken graph gets GraphValidationError.)

export class GraphFormatError extends Error {
  override readonly name = 'GraphFormatError';
}
