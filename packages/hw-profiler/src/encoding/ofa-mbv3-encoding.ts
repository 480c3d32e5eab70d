// The Once-for-All MobileNetV3 space (Cai et al., ICLR 2020) as HELP samples it: 5 units of up to 4
// MBConv layers, each layer a (kernel 3/5/7, expand 3/4/6) block, unit depth 2–4, resolution 128–224.
// Layers beyond a unit's depth are inactive. Indicators are scaled by (r/224)² because a conv block's
// work grows with the feature-map area, which keeps a per-block table additive across resolutions.
import { HwInputError } from '../errors.js';
import type { BlockArch, SpaceEncoding } from './space-encoding.js';

const KS = [3, 5, 7] as const;
const ES = [3, 4, 6] as const;
const BLOCKS = KS.flatMap((k) => ES.map((e) => `k${k}_e${e}`));
const UNITS = 5;
const LAYERS = 4;
const DEPTHS = [2, 3, 4] as const;
const RESOLUTIONS = Array.from({ length: 25 }, (_, i) => 128 + 4 * i);
const POSITIONS = Array.from({ length: UNITS * LAYERS }, (_, p) => `u${Math.floor(p / LAYERS)}.l${p % LAYERS}`);
const RE = /^r=(\d+)\|d=([\d,]+)\|ks=([\d,]+)\|e=([\d,]+)$/;

function bad(text: string): HwInputError {
  return new HwInputError(
    `hw-profiler.ofaMbv3Encoding.parse: Expected r=<128..224>|d=<5 depths 2-4>|ks=<20 kernels 3/5/7>|e=<20 expands 3/4/6> but received ${JSON.stringify(text)}`,
  );
}

/** Builds the block view from HELP's (ks, e, d, r) record. */
export function ofaBlockArch(ks: readonly number[], e: readonly number[], d: readonly number[], r: number): BlockArch {
  const blocks = ks.map((k, p) => {
    const u = Math.floor(p / LAYERS);
    if (p % LAYERS >= (d[u] ?? 0)) return -1;
    return (KS as readonly number[]).indexOf(k) * ES.length + (ES as readonly number[]).indexOf(e[p]!);
  });
  return { blocks, depths: d.slice(), resolution: r };
}

export const ofaMbv3Encoding: SpaceEncoding = {
  space: 'ofa-mbv3',
  blocks: BLOCKS,
  positions: POSITIONS,
  unitOf: POSITIONS.map((_, p) => Math.floor(p / LAYERS)),
  layerOf: POSITIONS.map((_, p) => p % LAYERS),
  depthChoices: DEPTHS,
  resolutions: RESOLUTIONS,
  indicatorSize: BLOCKS.length * POSITIONS.length + 1,
  parse(text) {
    const m = RE.exec(text.trim());
    if (!m) throw bad(text);
    const nums = (s: string): number[] => s.split(',').map(Number);
    const r = Number(m[1]);
    const d = nums(m[2]!);
    const ks = nums(m[3]!);
    const e = nums(m[4]!);
    if (
      !RESOLUTIONS.includes(r) ||
      d.length !== UNITS ||
      d.some((x) => !(DEPTHS as readonly number[]).includes(x)) ||
      ks.length !== UNITS * LAYERS ||
      ks.some((x) => !(KS as readonly number[]).includes(x)) ||
      e.length !== UNITS * LAYERS ||
      e.some((x) => !(ES as readonly number[]).includes(x))
    ) {
      throw bad(text);
    }
    return ofaBlockArch(ks, e, d, r);
  },
  format(arch) {
    // Inactive layers print as k3_e3 placeholders so the text stays 20 entries long, as HELP stores it.
    const ks = arch.blocks.map((b) => KS[Math.floor(Math.max(b, 0) / ES.length)]!);
    const e = arch.blocks.map((b) => ES[Math.max(b, 0) % ES.length]!);
    return `r=${arch.resolution}|d=${arch.depths.join(',')}|ks=${ks.join(',')}|e=${e.join(',')}`;
  },
  sample(next) {
    const d = Array.from({ length: UNITS }, () => DEPTHS[next(DEPTHS.length)]!);
    const blocks = POSITIONS.map((_, p) => {
      const b = next(BLOCKS.length);
      return p % LAYERS < d[Math.floor(p / LAYERS)]! ? b : -1;
    });
    return { blocks, depths: d, resolution: RESOLUTIONS[next(RESOLUTIONS.length)]! };
  },
  indicators(arch) {
    const n = BLOCKS.length * POSITIONS.length;
    const f = new Float64Array(n + 1);
    const s = (arch.resolution / 224) ** 2;
    arch.blocks.forEach((b, p) => {
      if (b >= 0) f[p * BLOCKS.length + b] = s;
    });
    f[n] = s;
    return f;
  },
};
