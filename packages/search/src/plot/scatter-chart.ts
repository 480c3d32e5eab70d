// Scatter charts as SVG strings, optionally with a Pareto front drawn as a step line (e.g. accuracy
// vs latency of every evaluated network), shared by the packages that plot.
import { SearchInputError } from '../errors.js';
import { CHART_DEFAULTS, PALETTE, checkSize, fmt, frame, type ChartOptions } from './svg-frame.js';

export interface ScatterSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  readonly color?: string;
}

export interface ScatterChartOptions extends ChartOptions {
  /** Sense of each axis; when given, the non-dominated points of all series are joined by a step line. */
  readonly front?: { readonly x: 'min' | 'max'; readonly y: 'min' | 'max'; readonly name?: string };
}

/** Non-dominated points for the given senses, sorted by x. */
function paretoPoints(points: readonly (readonly [number, number])[], sx: number, sy: number): [number, number][] {
  const sorted = points
    .map(([x, y]) => [x, y] as [number, number])
    .sort((a, b) => sx * (a[0] - b[0]) || -sy * (a[1] - b[1]));
  const out: [number, number][] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (!last || sy * (p[1] - last[1]) > 0) out.push(p);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

export function scatterChart(series: readonly ScatterSeries[], options: ScatterChartOptions = {}): string {
  const o = { ...CHART_DEFAULTS, ...options };
  checkSize(o.width, o.height, 'scatterChart');
  const pts = series.flatMap((s) => s.points);
  if (pts.length === 0 || pts.some(([x, y]) => !Number.isFinite(x) || !Number.isFinite(y))) {
    throw new SearchInputError(
      'search.scatterChart: Expected at least one point and only finite coordinates in series',
    );
  }
  const f = frame(
    o,
    pts.map((p) => p[0]),
    pts.map((p) => p[1]),
    [...series.map((s) => s.name), ...(o.front ? [o.front.name ?? 'Pareto front'] : [])],
  );
  const colors = series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length]!);
  const dots = series.map(
    (s, i) =>
      `<g fill="${colors[i]}" fill-opacity="0.75">${s.points.map(([x, y]) => `<circle cx="${fmt(f.x(x))}" cy="${fmt(f.y(y))}" r="3"/>`).join('')}</g>`,
  );
  const items: { name: string; color: string; kind: 'line' | 'dot' }[] = series.map((s, i) => ({
    name: s.name,
    color: colors[i]!,
    kind: 'dot',
  }));
  let frontPath = '';
  if (o.front) {
    // Larger-is-better axes are scanned from the high end so the staircase hugs the dominated region.
    const sx = o.front.x === 'min' ? 1 : -1;
    const sy = o.front.y === 'min' ? -1 : 1;
    const front = paretoPoints(pts, sx, sy);
    const d = front
      .map(([x, y], j) => (j === 0 ? `M${fmt(f.x(x))} ${fmt(f.y(y))}` : `H${fmt(f.x(x))}V${fmt(f.y(y))}`))
      .join('');
    frontPath = `<path d="${d}" fill="none" stroke="#000000" stroke-width="1.5" stroke-dasharray="4 2"/>`;
    items.push({ name: o.front.name ?? 'Pareto front', color: '#000000', kind: 'line' });
  }
  return `${f.head}\n${dots.join('\n')}\n${frontPath}\n${f.legend(items)}\n</svg>\n`;
}
