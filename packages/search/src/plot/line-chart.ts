// Line charts as SVG strings (e.g. best-so-far accuracy vs queries), shared by the packages that plot.
import { SearchInputError } from '../errors.js';
import { CHART_DEFAULTS, PALETTE, checkSize, fmt, frame, type ChartOptions } from './svg-frame.js';

export interface LineSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  readonly color?: string;
}

export interface LineChartOptions extends ChartOptions {
  /** Draw horizontal-then-vertical steps (for best-so-far curves) instead of straight segments. */
  readonly step?: boolean;
}

export function lineChart(series: readonly LineSeries[], options: LineChartOptions = {}): string {
  const o = { ...CHART_DEFAULTS, step: false, ...options };
  checkSize(o.width, o.height, 'lineChart');
  const pts = series.flatMap((s) => s.points);
  if (pts.length === 0 || pts.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) {
    throw new SearchInputError('search.lineChart: Expected at least one point and only finite coordinates in series');
  }
  const f = frame(
    o,
    pts.map((p) => p[0]),
    pts.map((p) => p[1]),
    series.map((s) => s.name),
  );
  const colors = series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length]!);
  const paths = series.map((s, i) => {
    const d = s.points
      .map(([x, y], j) => {
        if (j === 0) return `M${fmt(f.x(x))} ${fmt(f.y(y))}`;
        return o.step ? `H${fmt(f.x(x))}V${fmt(f.y(y))}` : `L${fmt(f.x(x))} ${fmt(f.y(y))}`;
      })
      .join('');
    return `<path d="${d}" fill="none" stroke="${colors[i]}" stroke-width="2"/>`;
  });
  const legend = f.legend(series.map((s, i) => ({ name: s.name, color: colors[i]!, kind: 'line' as const })));
  return `${f.head}\n${paths.join('\n')}\n${legend}\n</svg>\n`;
}
