import { describe, expect, it } from 'vitest';

import { foldAssignment } from './fold-assignment.js';

describe('foldAssignment', () => {
  it('deals every item to one of the folds, sizes within one, seeded', () => {
    const f = foldAssignment(50, 3, 7);
    const sizes = [0, 0, 0];
    for (const k of f) sizes[k]!++;
    expect(sizes.sort()).toEqual([16, 17, 17]);
    expect(foldAssignment(50, 3, 7)).toEqual(f);
    expect(foldAssignment(50, 3, 8)).not.toEqual(f);
  });
});
