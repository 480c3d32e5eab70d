import { describe, expect, it } from 'vitest';

import { SearchInputError } from '../errors.js';
import { lineChart } from './line-chart.js';
import { scatterChart } from './scatter-chart.js';
import { escapeXml, niceTicks } from './svg-frame.js';

describe('SVG charts', () => {
  it('picks 1-2-5 ticks that cover the data', () => {
    expect(niceTicks(0, 150).ticks).toEqual([0, 50, 100, 150]);
    const t = niceTicks(91.3, 94.37);
    expect(t.lo).toBeLessThanOrEqual(91.3);
    expect(t.hi).toBeGreaterThanOrEqual(94.37);
    expect(t.ticks).toEqual([91, 92, 93, 94, 95]);
    expect(niceTicks(5, 5).ticks.length).toBeGreaterThan(1);
    expect(() => niceTicks(0, Infinity)).toThrow(SearchInputError);
  });

  it('draws a deterministic, escaped line chart with axes, labels and a legend', () => {
    const series = [
      {
        name: 'best <acc> & "co"',
        points: [
          [1, 90],
          [50, 93.5],
          [150, 94.37],
        ] as [number, number][],
      },
    ];
    const svg = lineChart(series, { title: 'REA', xLabel: 'queries', yLabel: 'acc', step: true });
    expect(lineChart(series, { title: 'REA', xLabel: 'queries', yLabel: 'acc', step: true })).toBe(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('best &lt;acc&gt; &amp; &quot;co&quot;');
    expect(svg).not.toContain('<acc>');
    expect(svg).toContain('>queries</text>');
    expect(svg).toContain('>150</text>');
    expect(svg).toMatch(/<path d="M[\d.]+ [\d.]+H[\d.]+V[\d.]+H/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('draws the Pareto staircase through exactly the non-dominated points', () => {
    // x = latency (min), y = accuracy (max): (1,80) (2,90) (4,95) are non-dominated, (3,85) is not.
    const pts: [number, number][] = [
      [3, 85],
      [1, 80],
      [4, 95],
      [2, 90],
      [5, 94],
    ];
    const svg = scatterChart([{ name: 'evaluated', points: pts }], {
      front: { x: 'min', y: 'max' },
      width: 640,
      height: 400,
    });
    const path = /<path d="([^"]+)" fill="none" stroke="#000000"/.exec(svg)![1]!;
    expect(path.match(/[MHV]/g)!.join('')).toBe('MHVHV');
    expect(svg.match(/<circle /g)!.length).toBe(5 + 1); // points + the legend marker
    expect(svg).toContain('Pareto front');
  });

  it('widens the legend column so long series names are not clipped', () => {
    const width = (svg: string) => Number(/<svg [^>]*width="(\d+)"/.exec(svg)![1]);
    const short = scatterChart([{ name: 'a', points: [[0, 1]] }], { width: 640 });
    const name = 'reduced (1296 cells, HV 0.9519) and a long tail';
    const long = scatterChart([{ name, points: [[0, 1]] }], { width: 640 });
    expect(width(short)).toBe(640);
    const legendX = Number(
      new RegExp(`<text x="([\\d.]+)" y="[\\d.]+">${name.replace(/[()]/g, '\\$&')}`).exec(long)![1],
    );
    // ~6.2 px per character at font-size 11 must fit between the legend text's start and the right edge.
    expect(width(long) - legendX).toBeGreaterThanOrEqual(6.2 * name.length);
  });

  it('rejects empty or non-finite data and tiny canvases', () => {
    expect(() => lineChart([])).toThrow(SearchInputError);
    expect(() => scatterChart([{ name: 'a', points: [[NaN, 1]] }])).toThrow(SearchInputError);
    expect(() => lineChart([{ name: 'a', points: [[0, 1]] }], { width: 10 })).toThrow(SearchInputError);
    expect(escapeXml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });
});
