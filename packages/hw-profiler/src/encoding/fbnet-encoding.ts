// The FBNet space as HW-NAS-Bench and HELP sample it (Wu et al., CVPR 2019): 22 searchable layers in 7
// stages (1, 4, 4, 4, 4, 4, 1 layers), 9 blocks each (kernel 3/5, expansion 1/3/6, group conv, skip).
import { HwInputError } from '../errors.js';
import type { SpaceEncoding } from './space-encoding.js';

// HELP / HW-NAS-Bench op index order.
const BLOCKS = ['k3_e1', 'k3_e1_g2', 'k3_e3', 'k3_e6', 'k5_e1', 'k5_e1_g2', 'k5_e3', 'k5_e6', 'skip'] as const;
const STAGES = [1, 4, 4, 4, 4, 4, 1] as const;
const UNIT_OF = STAGES.flatMap((n, u) => Array.from({ length: n }, () => u));
const LAYER_OF = STAGES.flatMap((n) => Array.from({ length: n }, (_, l) => l));
const POSITIONS = UNIT_OF.map((u, p) => `u${u}.l${LAYER_OF[p]}`);

export const fbnetEncoding: SpaceEncoding = {
  space: 'fbnet',
  blocks: BLOCKS,
  positions: POSITIONS,
  unitOf: UNIT_OF,
  layerOf: LAYER_OF,
  depthChoices: [],
  resolutions: [],
  indicatorSize: BLOCKS.length * POSITIONS.length,
  parse(text) {
    const names = text.trim().split(/\s+/);
    const blocks = names.map((n) => (BLOCKS as readonly string[]).indexOf(n));
    if (names.length !== POSITIONS.length || blocks.some((b) => b < 0)) {
      throw new HwInputError(
        `hw-profiler.fbnetEncoding.parse: Expected 22 space-separated FBNet blocks (${BLOCKS.join(', ')}) but received ${JSON.stringify(text)}`,
      );
    }
    return { blocks, depths: [], resolution: 0 };
  },
  format(arch) {
    return arch.blocks.map((b) => BLOCKS[b] ?? 'skip').join(' ');
  },
  sample(next) {
    return { blocks: POSITIONS.map(() => next(BLOCKS.length)), depths: [], resolution: 0 };
  },
  indicators(arch) {
    const f = new Float64Array(BLOCKS.length * POSITIONS.length);
    arch.blocks.forEach((b, p) => {
      if (b >= 0) f[p * BLOCKS.length + b] = 1;
    });
    return f;
  },
};
