// A fitted predictor for a user's device on disk: `predictor.json` (the model) and `README.txt`
// (what it is), written into a temporary sibling folder and renamed into place, so a reader never
// sees a half-written predictor.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import { PredictorFileError } from '../errors.js';
import { FewShotPredictor } from './few-shot-predictor.js';

export interface PredictorDirMeta {
  readonly samples: number;
  readonly source: string;
  readonly createdBy: string;
}

const FORMAT = 'cgnas-latency-predictor/1';

export function savePredictorDir(dir: string, predictor: FewShotPredictor, meta: PredictorDirMeta): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  const json = { format: FORMAT, space: predictor.space, meta, model: predictor.toJSON() };
  writeFileSync(join(tmp, 'predictor.json'), JSON.stringify(json));
  writeFileSync(
    join(tmp, 'README.txt'),
    [
      `Few-shot latency predictor for ${predictor.space} (${FORMAT}).`,
      `Fitted on ${meta.samples} measured networks from ${meta.source}.`,
      `Model: log latency = linear function of log latencies on known devices; chosen by leave-one-out: ${predictor.choice}`,
      `Leave-one-out RMSE in log space: ${predictor.looRmseLog.toFixed(4)}`,
      `Basis devices: ${predictor.basis.devices.join(', ')}`,
      '',
    ].join('\n'),
  );
  const old = existsSync(dir) ? join(parent, `.${basename(dir)}.old-${process.pid}-${Date.now()}`) : null;
  if (old) renameSync(dir, old);
  renameSync(tmp, dir);
  if (old) rmSync(old, { recursive: true, force: true });
}

export function loadPredictorDir(dir: string): FewShotPredictor {
  const file = join(dir, 'predictor.json');
  let json: { format?: string; model?: unknown };
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as typeof json;
  } catch (error) {
    throw new PredictorFileError(
      `hw-profiler.loadPredictorDir: cannot read ${file} (${error instanceof Error ? error.message : String(error)}); run \`cgnas latency fit\` first`,
    );
  }
  if (json.format !== FORMAT) {
    throw new PredictorFileError(
      `hw-profiler.loadPredictorDir: Expected format ${FORMAT} in ${file} but received ${String(json.format)}`,
    );
  }
  return FewShotPredictor.fromJSON(json.model);
}
