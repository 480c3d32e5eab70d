// Feature vectors for the learned latency predictor: the raw block-at-position indicators (what a
// deployed graph computes — HW-NAS-Bench's phone models run every non-`none` edge, live or not), plus
// for NB-201 the canonical cell's features (what reaches the output), and per-space cost summaries.
import { Nb201Space } from '@cgnas/search';

import type { BlockArch, HwSpace } from '../encoding/space-encoding.js';
import { encodingFor } from '../encoding/encoding-for.js';

const nb201 = new Nb201Space();
// Work proxies per block (MAC-like units at a fixed feature map): FBNet k²·e, group conv halves it.
const FBNET_COST = [9, 4.5, 27, 54, 25, 12.5, 75, 150, 0] as const;
const OFA_COST = [3, 5, 7].flatMap((k) => [3, 4, 6].map((e) => k * k * e + 2 * e));

export function latencyFeatureSize(space: HwSpace): number {
  switch (space) {
    case 'nb201':
      return 30 + nb201.featureSize + 2;
    case 'fbnet':
      return 22 * 9 + 9 + 7 + 1;
    case 'ofa-mbv3':
      return 20 * 9 + 1 + 1 + 5 + 5;
    default: {
      const never: never = space;
      return never;
    }
  }
}

export function latencyFeatures(space: HwSpace, arch: BlockArch): Float64Array {
  const enc = encodingFor(space);
  const ind = enc.indicators(arch);
  const out = new Float64Array(latencyFeatureSize(space));
  out.set(ind, 0);
  let off = ind.length;
  switch (space) {
    case 'nb201': {
      out.set(nb201.features(arch.blocks), off);
      off += nb201.featureSize;
      const convs = arch.blocks.filter((b) => b === 2 || b === 3).length;
      out[off++] = convs;
      out[off++] = nb201.canonical(arch.blocks).every((b) => b === 0) ? 1 : 0;
      break;
    }
    case 'fbnet': {
      for (const b of arch.blocks) out[off + b]! += 1;
      off += 9;
      arch.blocks.forEach((b, p) => (out[off + enc.unitOf[p]!]! += FBNET_COST[b]!));
      off += 7;
      out[off++] = arch.blocks.reduce((s, b) => s + FBNET_COST[b]!, 0);
      break;
    }
    case 'ofa-mbv3': {
      out[off++] = arch.resolution / 224;
      arch.depths.forEach((d, u) => (out[off + u] = d));
      off += 5;
      const s = (arch.resolution / 224) ** 2;
      arch.blocks.forEach((b, p) => {
        if (b >= 0) out[off + enc.unitOf[p]!]! += s * OFA_COST[b]!;
      });
      off += 5;
      break;
    }
    default: {
      const never: never = space;
      return never;
    }
  }
  return out;
}
