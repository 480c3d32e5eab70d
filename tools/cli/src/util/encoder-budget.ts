// The training budget flags shared by `cgnas train` and `cgnas evaluate transfer`: each defaults to the
// encoder kind's own budget (the k-GNN trains on fewer networks for fewer epochs than the feature MLP).
import { encoderTrainingDefaults, type EncoderTrainingDefaults } from '@cgnas/ensemble';

import { intOption } from './option-parsers.js';

export interface EncoderBudgetFlags {
  readonly encoder: string;
  readonly nb201Limit?: string;
  readonly epochs?: string;
  readonly pretrainEpochs?: string;
}

export interface EncoderBudget {
  readonly defaults: EncoderTrainingDefaults;
  readonly nb201Limit: number;
  readonly epochs: number;
  readonly pretrainEpochs: number;
}

export function encoderBudget(command: string, flags: EncoderBudgetFlags): EncoderBudget {
  const defaults = encoderTrainingDefaults(flags.encoder);
  return {
    defaults,
    nb201Limit: intOption(command, '--nb201-limit', flags.nb201Limit ?? String(defaults.nb201Limit), 2),
    epochs: intOption(command, '--epochs', flags.epochs ?? String(defaults.epochs), 1),
    pretrainEpochs: intOption(command, '--pretrain-epochs', flags.pretrainEpochs ?? String(defaults.pretrainEpochs), 1),
  };
}
