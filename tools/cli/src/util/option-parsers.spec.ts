import { describe, expect, it } from 'vitest';

import { CliUsageError } from '../cli-error.js';
import { intOption, positiveOption } from './option-parsers.js';

describe('option parsers', () => {
  it('parse valid values', () => {
    expect(intOption('x', '--n', '12', 1)).toBe(12);
    expect(intOption('x', '--seed', '-3', -Infinity)).toBe(-3);
    expect(positiveOption('x', '--lr', '0.01')).toBe(0.01);
  });

  it('reject what is not an integer in range or a positive number, naming the flag', () => {
    for (const bad of ['', ' ', '1.5', 'abc', '0', '1e400'])
      expect(() => intOption('x', '--n', bad, 1)).toThrow(CliUsageError);
    expect(() => intOption('x', '--n', '0', 1)).toThrow(/--n/);
    for (const bad of ['', '0', '-1', 'NaN', 'Infinity'])
      expect(() => positiveOption('x', '--lr', bad)).toThrow(CliUsageError);
  });
});
