import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { EnsembleInputError } from '../errors.js';
import { FlopsLabelTransform } from './flops-label-transform.js';

describe('FlopsLabelTransform', () => {
  it('hand-worked: GFLOPs 0 and 9 divide by 1 and 2', () => {
    // scaled = [90, 45] -> mean 67.5, std 22.5 -> z = [1, -1]
    const t = FlopsLabelTransform.fit([90, 90], [0, 9]);
    expect(t.stats.mean).toBeCloseTo(67.5, 12);
    expect(t.stats.std).toBeCloseTo(22.5, 12);
    expect(Array.from(t.transform([90, 90], [0, 9]))).toEqual([1, -1]);
  });

  it('round-trips transform and inverse (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 10, max: 99, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true })), {
          minLength: 3,
          maxLength: 30,
        }),
        (rows) => {
          const acc = rows.map((r) => r[0]);
          const gf = rows.map((r) => r[1]);
          const t = FlopsLabelTransform.fit([...acc, 50, 70], [...gf, 1, 1]);
          const back = t.inverse(t.transform(acc, gf), gf);
          return acc.every((a, i) => Math.abs(a - back[i]!) < 1e-9);
        },
      ),
    );
  });

  it('accuracyMap is the inverse in units of the label std: (y + shift) * scale * std', () => {
    const t = FlopsLabelTransform.fit([91, 93.5, 92, 94], [0.1, 0.2, 0.15, 0.3]);
    const y = [-1.3, 0.2, 0.7, 2.1];
    const gf = [0.12, 0.5, 0, 3];
    const { shift, scale } = t.accuracyMap(gf);
    const back = t.inverse(y, gf);
    y.forEach((v, i) => expect((v + shift) * scale[i]! * t.stats.std).toBeCloseTo(back[i]!, 9));
  });

  it('rejects NaN, negative FLOPs, mismatched lengths, constant labels and bad stats', () => {
    expect(() => FlopsLabelTransform.fit([1, NaN], [1, 1])).toThrow(EnsembleInputError);
    expect(() => FlopsLabelTransform.fit([1, 2], [1, -1])).toThrow(EnsembleInputError);
    expect(() => FlopsLabelTransform.fit([1, 2], [1])).toThrow(EnsembleInputError);
    expect(() => FlopsLabelTransform.fit([], [])).toThrow(EnsembleInputError);
    expect(() => FlopsLabelTransform.fit([5, 5], [1, 1])).toThrow(EnsembleInputError);
    expect(() => FlopsLabelTransform.fromStats({ mean: 0, std: 0 })).toThrow(EnsembleInputError);
  });
});
