// Validation helpers shared by the mobile family parsers: every failure is an ArchError that
// names the family, the field and the allowed values.
import { ArchError } from '../arch-error.js';

/** Parses a JSON string or passes an object through; anything else is an ArchError. */
export function jsonObject(encoded: unknown, family: string, fn: string): Record<string, unknown> {
  let value = encoded;
  if (typeof encoded === 'string') {
    try {
      value = JSON.parse(encoded) as unknown;
    } catch {
      throw new ArchError(
        `cg-core.${fn}: Expected a JSON object for the ${family} architecture but received ${JSON.stringify(encoded.slice(0, 80))}`,
      );
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ArchError(
      `cg-core.${fn}: Expected an object for the ${family} architecture but received ${JSON.stringify(value)?.slice(0, 80)}`,
    );
  }
  return value as Record<string, unknown>;
}

/** A fixed-length list whose entries come from `allowed`. */
export function choiceList<T extends number | string>(
  obj: Record<string, unknown>,
  field: string,
  length: number,
  allowed: readonly T[],
  family: string,
  fn: string,
): T[] {
  const v = obj[field];
  if (!Array.isArray(v) || v.length !== length || !v.every((x) => (allowed as readonly unknown[]).includes(x))) {
    throw new ArchError(
      `cg-core.${fn}: Expected ${length} values from {${allowed.join(', ')}} for ${field} but received ${JSON.stringify(v)}`,
    );
  }
  return v as T[];
}

/** Rejects fields the encoding does not define, so typos do not pass silently. */
export function onlyFields(obj: Record<string, unknown>, fields: readonly string[], family: string, fn: string): void {
  for (const k of Object.keys(obj)) {
    if (!fields.includes(k)) {
      throw new ArchError(
        `cg-core.${fn}: unknown field "${k}" in the ${family} architecture; allowed: ${fields.join(', ')}`,
      );
    }
  }
}
