import { describe, expect, it } from 'vitest';

import { HwInputError } from '../errors.js';
import { heatmapChart } from './heatmap-chart.js';

describe('heatmapChart', () => {
  it('draws one cell per value, blue for negative and red for positive, with escaped labels', () => {
    const svg = heatmapChart([[-1, 0, 1]], ['a<b'], ['x', 'y', 'z'], { title: 'T' });
    expect(svg.match(/<rect x=/g)).toHaveLength(3);
    expect(svg).toContain('fill="#2166ac"');
    expect(svg).toContain('fill="#b2182b"');
    expect(svg).toContain('fill="#ffffff" stroke');
    expect(svg).toContain('a&lt;b');
  });

  it('sizes columns to their labels and the picture to its title', () => {
    const svg = heatmapChart([[1, 2]], ['e0'], ['nor_conv_3x3', 'skip_connect'], { title: 'x'.repeat(120) });
    const xs = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(xs[0]![1]).toBeGreaterThanOrEqual(6 * 'nor_conv_3x3'.length);
    expect(xs[1]![0]).toBeGreaterThanOrEqual(xs[0]![0]! + xs[0]![1]!);
    expect(Number(/<svg [^>]*width="(\d+)"/.exec(svg)![1])).toBeGreaterThanOrEqual(7 * 120);
  });

  it('rejects ragged or non-finite matrices', () => {
    expect(() => heatmapChart([[1, 2]], ['r'], ['c'])).toThrow(HwInputError);
    expect(() => heatmapChart([[NaN]], ['r'], ['c'])).toThrow(HwInputError);
  });
});
