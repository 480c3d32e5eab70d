// Typed error of the tfjs LayersModel importer: the JSON is not a layers-model topology or uses
// shapes the CG cannot express. Tests check the class; messages say what to pass instead.

export class TfjsImportError extends Error {
  override readonly name = 'TfjsImportError';
}
