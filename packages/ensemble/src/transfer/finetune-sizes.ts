// How many target networks the transfer protocol fine-tunes on, from a command-line spec: one size for
// every target ("100") or sizes per family ("nb301=100,nb101=25"). Sizes beyond the papers' 50 (40 for
// NB-201) give the few-shot learning curve: how many labelled target networks a target SRCC needs.
import { EnsembleInputError } from '../errors.js';
import { FAMILY_NAMES, parseFamilyName, type FamilyName } from './family-name.js';

/** A fine-tune set needs a pair to rank (GennapeEnsemble.fineTune rejects fewer than 2 networks). */
export const MIN_FINETUNE_SIZE = 2;

function size(value: string, spec: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < MIN_FINETUNE_SIZE) {
    throw new EnsembleInputError(
      `ensemble.parseFinetuneSizes: Expected an integer >= ${MIN_FINETUNE_SIZE} for each fine-tune size but received ${JSON.stringify(value)} in ${JSON.stringify(spec)}; write e.g. "100" or "nb301=100,nb101=25"`,
    );
  }
  return n;
}

export function parseFinetuneSizes(spec: string): Partial<Record<FamilyName, number>> {
  const parts = spec.split(',').map((p) => p.trim());
  if (parts.length === 1 && !parts[0]!.includes('=')) {
    const n = size(parts[0]!, spec);
    return Object.fromEntries(FAMILY_NAMES.map((f) => [f, n]));
  }
  const out: Partial<Record<FamilyName, number>> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      throw new EnsembleInputError(
        `ensemble.parseFinetuneSizes: Expected family=size pairs but received ${JSON.stringify(part)} in ${JSON.stringify(spec)}; write e.g. "nb301=100,nb101=25"`,
      );
    }
    const family = parseFamilyName(part.slice(0, eq));
    if (out[family] !== undefined) {
      throw new EnsembleInputError(
        `ensemble.parseFinetuneSizes: Expected each family once but ${family} appears twice in ${JSON.stringify(spec)}`,
      );
    }
    out[family] = size(part.slice(eq + 1), spec);
  }
  return out;
}
