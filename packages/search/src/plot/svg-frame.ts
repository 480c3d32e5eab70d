// Shared pieces of the SVG charts: "nice" tick steps (Heckbert, Graphics Gems 1990), axes with ticks
// and labels, a legend, XML escaping and fixed number formatting so the same data gives the same bytes.
import { SearchInputError } from '../errors.js';

export interface ChartOptions {
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly width?: number;
  readonly height?: number;
}

export const CHART_DEFAULTS = { title: '', xLabel: '', yLabel: '', width: 640, height: 400 } as const;

export const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
] as const;

const MARGIN = { left: 64, right: 150, top: 36, bottom: 52 } as const;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Fixed-precision coordinates keep the output byte-identical across runs and platforms. */
export function fmt(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** Tick values covering [lo, hi] with a 1-2-5 step; the domain is widened to the outer ticks. */
export function niceTicks(lo: number, hi: number, count = 5): { ticks: number[]; lo: number; hi: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new SearchInputError(`search.niceTicks: Expected a finite domain but received [${lo}, ${hi}]`);
  }
  if (hi === lo) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.05 : 1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo, count);
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let i = 0; start + i * step <= end + step * 1e-9; i++) ticks.push(Number((start + i * step).toPrecision(12)));
  return { ticks, lo: start, hi: end };
}

export interface Frame {
  readonly x: (v: number) => number;
  readonly y: (v: number) => number;
  /** SVG header, axes, ticks, labels and title (without the closing tag). */
  readonly head: string;
  readonly legend: (items: readonly { name: string; color: string; kind: 'line' | 'dot' }[]) => string;
}

export function checkSize(width: number, height: number, fn: string): void {
  if (!(Number.isFinite(width) && width >= 200 && Number.isFinite(height) && height >= 150)) {
    throw new SearchInputError(`search.${fn}: Expected width >= 200 and height >= 150 but received ${width}x${height}`);
  }
}

/**
 * Axes, ticks and labels for a plot area of `options.width` minus the legend column. The legend column
 * widens (and the SVG with it) to fit the longest of `legendNames`, so legend text is never clipped.
 */
export function frame(
  options: Required<ChartOptions>,
  xs: readonly number[],
  ys: readonly number[],
  legendNames: readonly string[] = [],
): Frame {
  const { height } = options;
  // ~6.2 px per character at font-size 11, plus the legend mark and padding.
  const right = Math.max(MARGIN.right, Math.ceil(48 + 6.2 * Math.max(0, ...legendNames.map((n) => n.length))));
  const width = options.width + right - MARGIN.right;
  const xt = niceTicks(Math.min(...xs), Math.max(...xs));
  const yt = niceTicks(Math.min(...ys), Math.max(...ys));
  const pw = width - MARGIN.left - right;
  const ph = height - MARGIN.top - MARGIN.bottom;
  const x = (v: number): number => MARGIN.left + ((v - xt.lo) / (xt.hi - xt.lo)) * pw;
  const y = (v: number): number => MARGIN.top + ph - ((v - yt.lo) / (yt.hi - yt.lo)) * ph;
  const tickText = (v: number): string => escapeXml(String(Number(v.toPrecision(6))));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${fmt(MARGIN.left + pw / 2)}" y="20" text-anchor="middle" font-size="14">${escapeXml(options.title)}</text>`,
    `<g stroke="#000000" stroke-width="1">`,
    `<line x1="${MARGIN.left}" y1="${fmt(MARGIN.top + ph)}" x2="${fmt(MARGIN.left + pw)}" y2="${fmt(MARGIN.top + ph)}"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${fmt(MARGIN.top + ph)}"/>`,
    ...xt.ticks.map(
      (t) =>
        `<line x1="${fmt(x(t))}" y1="${fmt(MARGIN.top + ph)}" x2="${fmt(x(t))}" y2="${fmt(MARGIN.top + ph + 5)}"/>`,
    ),
    ...yt.ticks.map((t) => `<line x1="${MARGIN.left - 5}" y1="${fmt(y(t))}" x2="${MARGIN.left}" y2="${fmt(y(t))}"/>`),
    `</g>`,
    `<g stroke="#e0e0e0" stroke-width="1">`,
    ...yt.ticks.map(
      (t) => `<line x1="${MARGIN.left + 1}" y1="${fmt(y(t))}" x2="${fmt(MARGIN.left + pw)}" y2="${fmt(y(t))}"/>`,
    ),
    `</g>`,
    ...xt.ticks.map(
      (t) => `<text x="${fmt(x(t))}" y="${fmt(MARGIN.top + ph + 18)}" text-anchor="middle">${tickText(t)}</text>`,
    ),
    ...yt.ticks.map((t) => `<text x="${MARGIN.left - 8}" y="${fmt(y(t) + 4)}" text-anchor="end">${tickText(t)}</text>`),
    `<text x="${fmt(MARGIN.left + pw / 2)}" y="${height - 12}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(16 ${fmt(MARGIN.top + ph / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  ];
  const legend: Frame['legend'] = (items) =>
    items
      .map((it, i) => {
        const ly = MARGIN.top + 10 + i * 18;
        const lx = width - right + 14;
        const mark =
          it.kind === 'line'
            ? `<line x1="${lx}" y1="${ly}" x2="${lx + 18}" y2="${ly}" stroke="${it.color}" stroke-width="2"/>`
            : `<circle cx="${lx + 9}" cy="${ly}" r="3.5" fill="${it.color}"/>`;
        return `${mark}<text x="${lx + 24}" y="${ly + 4}">${escapeXml(it.name)}</text>`;
      })
      .join('');
  return { x, y, head: parts.join('\n'), legend };
}
