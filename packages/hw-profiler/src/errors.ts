// Typed errors of @cgnas/hw-profiler. Messages start with `hw-profiler.<function>:` and say what to do
// instead; tests check the class, not the wording.

/** An argument (option, architecture text, device name, CSV row) is malformed or out of range. */
export class HwInputError extends Error {
  override readonly name = 'HwInputError';
}

/** A latency measurement could not be made (runtime missing, model rejected, unstable timings). */
export class MeasurementError extends Error {
  override readonly name = 'MeasurementError';
}

/** A saved predictor directory is missing, corrupt, or was written for another space. */
export class PredictorFileError extends Error {
  override readonly name = 'PredictorFileError';
}
