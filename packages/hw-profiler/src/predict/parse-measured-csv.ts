// Reads a user's measured latencies: a CSV (RFC 4180 quoting) with the architecture in the space's
// native encoding — column `arch_str` (NB-201), `blocks` (FBNet) or `arch` (OFA-MBv3, quoted since it
// contains commas; `arch` is accepted for every space) — and `latency_ms`.
import type { BlockArch, HwSpace } from '../encoding/space-encoding.js';
import { encodingFor } from '../encoding/encoding-for.js';
import { HwInputError } from '../errors.js';

export interface MeasuredRow {
  readonly line: number;
  readonly text: string;
  readonly arch: BlockArch;
  readonly latencyMs: number;
}

function splitCsvLine(line: string, lineNo: number): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (quoted) throw new HwInputError(`hw-profiler.parseMeasuredCsv: line ${lineNo} has an unterminated quote`);
  out.push(cur);
  return out;
}

const ARCH_COLUMN: Record<HwSpace, string> = { nb201: 'arch_str', fbnet: 'blocks', 'ofa-mbv3': 'arch' };

export function parseMeasuredCsv(text: string, space: HwSpace): MeasuredRow[] {
  const enc = encodingFor(space);
  const lines = text
    .split(/\r?\n/)
    .map((l, i) => ({ l, i: i + 1 }))
    .filter(({ l }) => l.trim() !== '');
  const header = lines[0];
  if (!header) throw new HwInputError('hw-profiler.parseMeasuredCsv: Expected a header line but the file is empty');
  const cols = splitCsvLine(header.l, header.i).map((c) => c.trim());
  const archCol = cols.indexOf(ARCH_COLUMN[space]) >= 0 ? cols.indexOf(ARCH_COLUMN[space]) : cols.indexOf('arch');
  const latCol = cols.indexOf('latency_ms');
  if (archCol < 0 || latCol < 0) {
    throw new HwInputError(
      `hw-profiler.parseMeasuredCsv: Expected columns ${ARCH_COLUMN[space]} (or arch) and latency_ms in the header but received ${JSON.stringify(cols)}`,
    );
  }
  return lines.slice(1).map(({ l, i }) => {
    const f = splitCsvLine(l, i);
    const archText = f[archCol]?.trim() ?? '';
    const lat = Number(f[latCol]);
    if (!(lat > 0) || !Number.isFinite(lat)) {
      throw new HwInputError(
        `hw-profiler.parseMeasuredCsv: Expected a positive latency_ms on line ${i} but received ${JSON.stringify(f[latCol])}`,
      );
    }
    let arch: BlockArch;
    try {
      arch = enc.parse(archText);
    } catch (error) {
      throw new HwInputError(
        `hw-profiler.parseMeasuredCsv: line ${i}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return { line: i, text: archText, arch, latencyMs: lat };
  });
}
