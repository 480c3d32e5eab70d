// A heatmap as an SVG string (block × position friendliness): a diverging blue–white–red scale centred
// on 0, so friendly (negative latency change) cells are blue; values are printed in each cell.
import { escapeXml } from '@cgnas/search';

import { HwInputError } from '../errors.js';

export interface HeatmapOptions {
  readonly title?: string;
  readonly cellWidth?: number;
  readonly cellHeight?: number;
  readonly digits?: number;
}

export const HEATMAP_DEFAULTS = { title: '', cellWidth: 64, cellHeight: 24, digits: 2 } as const;

function colour(t: number): string {
  // t in [-1, 1]: −1 blue (#2166ac), 0 white, +1 red (#b2182b).
  const mix = (a: number, b: number, f: number): number => Math.round(a + (b - a) * f);
  const [r, g, b] =
    t < 0
      ? [mix(255, 0x21, -t), mix(255, 0x66, -t), mix(255, 0xac, -t)]
      : [mix(255, 0xb2, t), mix(255, 0x18, t), mix(255, 0x2b, t)];
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** values[row][col]; rows and cols label the axes. */
export function heatmapChart(
  values: readonly (readonly number[])[],
  rows: readonly string[],
  cols: readonly string[],
  options: HeatmapOptions = {},
): string {
  const o = { ...HEATMAP_DEFAULTS, ...options };
  if (
    values.length !== rows.length ||
    values.some((r) => r.length !== cols.length || r.some((v) => !Number.isFinite(v)))
  ) {
    throw new HwInputError(
      `hw-profiler.heatmapChart: Expected a finite ${rows.length}×${cols.length} matrix for values`,
    );
  }
  const left = 12 + 7 * Math.max(...rows.map((r) => r.length), 4);
  const top = 44;
  // Columns at least as wide as their labels (~6 px per character at font-size 10) and the picture at
  // least as wide as its title (~7.5 px per character at 14), so no text overlaps or is clipped.
  const cellWidth = Math.max(o.cellWidth, Math.ceil(10 + 6 * Math.max(0, ...cols.map((c) => c.length))));
  const w = Math.max(left + cols.length * cellWidth + 16, Math.ceil(24 + 7.5 * o.title.length));
  const h = top + rows.length * o.cellHeight + 16;
  const scale = Math.max(1e-12, ...values.flat().map((v) => Math.abs(v)));
  const cells = values.flatMap((row, i) =>
    row.map((v, j) => {
      const x = left + j * cellWidth;
      const y = top + i * o.cellHeight;
      return `<rect x="${x}" y="${y}" width="${cellWidth}" height="${o.cellHeight}" fill="${colour(v / scale)}" stroke="#ffffff"/><text x="${x + cellWidth / 2}" y="${y + o.cellHeight / 2 + 4}" text-anchor="middle" font-size="11">${v.toFixed(o.digits)}</text>`;
    }),
  );
  const rowLabels = rows.map(
    (r, i) =>
      `<text x="${left - 6}" y="${top + i * o.cellHeight + o.cellHeight / 2 + 4}" text-anchor="end" font-size="11">${escapeXml(r)}</text>`,
  );
  const colLabels = cols.map(
    (c, j) =>
      `<text x="${left + j * cellWidth + cellWidth / 2}" y="${top - 6}" text-anchor="middle" font-size="10">${escapeXml(c)}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif">`,
    `<rect width="${w}" height="${h}" fill="#ffffff"/>`,
    `<text x="${w / 2}" y="18" text-anchor="middle" font-size="14">${escapeXml(o.title)}</text>`,
    ...rowLabels,
    ...colLabels,
    ...cells,
    '</svg>',
    '',
  ].join('\n');
}
