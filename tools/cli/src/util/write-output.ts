// Atomic output files for the CLI: a reader never sees a half-written report, plot or model.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { Resvg } from '@resvg/resvg-js';
import writeFileAtomic from 'write-file-atomic';

export function writeOutput(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic.sync(
    path,
    typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength),
  );
}

/** Writes `svg` to `path` and, for viewers that need a bitmap, a PNG beside it (same name, .png). */
export function writePlot(path: string, svg: string, options: { png?: boolean; width?: number } = {}): string[] {
  writeOutput(path, svg);
  const written = [path];
  if (options.png ?? true) {
    const png = new Resvg(svg, {
      background: 'white',
      fitTo: { mode: 'width', value: options.width ?? 1200 },
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    })
      .render()
      .asPng();
    const pngPath = path.replace(/\.svg$/, '') + '.png';
    writeOutput(pngPath, png);
    written.push(pngPath);
  }
  return written;
}
