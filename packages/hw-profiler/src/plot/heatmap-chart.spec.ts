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

  it('rejects ragged or non-finite matrices', () => {
    expect(() => heatmapChart([[1, 2]], ['r'], ['c'])).toThrow(HwInputError);
    expect(() => heatmapChart([[NaN]], ['r'], ['c'])).toThrow(HwInputError);
  });
});
