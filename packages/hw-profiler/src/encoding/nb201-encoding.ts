// NAS-Bench-201 as a block space (Dong & Yang, ICLR 2020): the op on each of the 6 cell edges is the
// block at that position; every edge is its own one-layer unit and depth is fixed.
import { HwInputError } from '../errors.js';
import type { BlockArch, SpaceEncoding } from './space-encoding.js';

const OPS = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3'] as const;
const EDGE_LABELS = ['e0(0>1)', 'e1(0>2)', 'e2(1>2)', 'e3(0>3)', 'e4(1>3)', 'e5(2>3)'] as const;
const ARCH_RE =
  /^\|([a-z0-9_]+)~0\|\+\|([a-z0-9_]+)~0\|([a-z0-9_]+)~1\|\+\|([a-z0-9_]+)~0\|([a-z0-9_]+)~1\|([a-z0-9_]+)~2\|$/;

export const nb201Encoding: SpaceEncoding = {
  space: 'nb201',
  blocks: OPS,
  positions: EDGE_LABELS,
  unitOf: [0, 1, 2, 3, 4, 5],
  layerOf: [0, 0, 0, 0, 0, 0],
  depthChoices: [],
  resolutions: [],
  indicatorSize: OPS.length * EDGE_LABELS.length,
  parse(text) {
    const m = ARCH_RE.exec(text.trim());
    const blocks = m ? m.slice(1, 7).map((name) => (OPS as readonly string[]).indexOf(name)) : [];
    if (!m || blocks.some((b) => b < 0)) {
      throw new HwInputError(
        `hw-profiler.nb201Encoding.parse: Expected an NB-201 arch string like |nor_conv_3x3~0|+|none~0|skip_connect~1|+|…| but received ${JSON.stringify(text)}`,
      );
    }
    return { blocks, depths: [], resolution: 0 };
  },
  format(arch) {
    const o = arch.blocks.map((b) => OPS[b] ?? 'none');
    return `|${o[0]}~0|+|${o[1]}~0|${o[2]}~1|+|${o[3]}~0|${o[4]}~1|${o[5]}~2|`;
  },
  sample(next) {
    return { blocks: EDGE_LABELS.map(() => next(OPS.length)), depths: [], resolution: 0 };
  },
  indicators(arch: BlockArch) {
    const f = new Float64Array(OPS.length * EDGE_LABELS.length);
    arch.blocks.forEach((b, p) => {
      if (b >= 0) f[p * OPS.length + b] = 1;
    });
    return f;
  },
};
