// The benchmark families the transfer protocol knows, and the one place family names are parsed.
import { UnknownFamilyError } from '../errors.js';

export const FAMILY_NAMES = ['nb101', 'nb201', 'nb301'] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];

export function parseFamilyName(value: string): FamilyName {
  const v = value.trim().toLowerCase().replace(/-/g, '');
  if ((FAMILY_NAMES as readonly string[]).includes(v)) return v as FamilyName;
  throw new UnknownFamilyError(
    `ensemble.parseFamilyName: Expected one of ${FAMILY_NAMES.join(', ')} for family but received ${JSON.stringify(value)}`,
  );
}
