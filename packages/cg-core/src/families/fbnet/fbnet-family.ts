// The FBNet space of HW-NAS-Bench (Li et al., ICLR 2021; FBNet, Wu et al., CVPR 2019), built as
// `FBNet_Infer` in GATECH-EIC/HW-NAS-Bench (hw_nas_bench_api/fbnet_models/model_infer.py) builds it
// for CIFAR-100: 22 searchable blocks from 9 candidates between a 3x3 stem and a 1x1 header.
import type { Rng } from '@cgnas/native';

import type { ComputationGraph } from '../../graph/computation-graph.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import type { ArchFamily } from '../mobile/arch-family.js';
import { ArchError } from '../arch-error.js';
import { convBnAct, mbConv } from '../mobile/mb-conv.js';

/** The 9 candidate blocks in HW-NAS-Bench's PRIMITIVES order (the op_idx of the data files). */
export const FBNET_BLOCKS = [
  'k3_e1',
  'k3_e1_g2',
  'k3_e3',
  'k3_e6',
  'k5_e1',
  'k5_e1_g2',
  'k5_e3',
  'k5_e6',
  'skip',
] as const;
export type FbnetBlock = (typeof FBNET_BLOCKS)[number];

/** 22 block names, layer by layer. */
export type FbnetMember = readonly FbnetBlock[];

export interface FbnetOptions {
  /** 'cifar' (32x32 input, stem stride 1, header 1504) or 'imagenet' (224, stride 2, header 1984). */
  readonly dataset: 'cifar' | 'imagenet';
  readonly nClasses: number;
}

export const FBNET_DEFAULTS: FbnetOptions = { dataset: 'cifar', nClasses: 100 };

const FAMILY = 'fbnet';
const LAYERS = [1, 4, 4, 4, 4, 4, 1];
const CHANNELS = [16, 24, 32, 64, 112, 184, 352];
const STEM = 16;
export const FBNET_LENGTH = 22;

function blockSpec(block: Exclude<FbnetBlock, 'skip'>): { k: number; e: number; g: number } {
  switch (block) {
    case 'k3_e1':
      return { k: 3, e: 1, g: 1 };
    case 'k3_e1_g2':
      return { k: 3, e: 1, g: 2 };
    case 'k3_e3':
      return { k: 3, e: 3, g: 1 };
    case 'k3_e6':
      return { k: 3, e: 6, g: 1 };
    case 'k5_e1':
      return { k: 5, e: 1, g: 1 };
    case 'k5_e1_g2':
      return { k: 5, e: 1, g: 2 };
    case 'k5_e3':
      return { k: 5, e: 3, g: 1 };
    case 'k5_e6':
      return { k: 5, e: 6, g: 1 };
    default: {
      const never: never = block;
      throw new ArchError(`cg-core.fbnetFamily: unknown block ${String(never)}`);
    }
  }
}

function buildFbnet(arch: FbnetMember, options: Partial<FbnetOptions> = {}): ComputationGraph {
  const opts = { ...FBNET_DEFAULTS, ...options };
  const cifar = opts.dataset === 'cifar';
  const strides = cifar ? [1, 1, 2, 2, 1, 2, 1] : [1, 2, 2, 2, 1, 2, 1];
  const b = new GraphBuilder({ family: FAMILY, arch: arch.join(' ') });
  const res = cifar ? 32 : 224;
  let x = b.input(res, res, 3);
  x = convBnAct(b, x, { outC: STEM, k: 3, stride: cifar ? 1 : 2, act: 'relu' });
  let inC = STEM;
  let layer = 0;
  for (let stage = 0; stage < LAYERS.length; stage++) {
    const outC = CHANNELS[stage]!;
    for (let i = 0; i < LAYERS[stage]!; i++) {
      const stride = i === 0 ? strides[stage]! : 1;
      const block = arch[layer]!;
      const label = `layer${layer + 1}.${block}`;
      if (block === 'skip') {
        // Skip is an identity unless it must change the stride or width: then 1x1 conv, BN, ReLU.
        if (stride !== 1 || inC !== outC) x = convBnAct(b, x, { outC, k: 1, stride, act: 'relu', label });
      } else {
        const { k, e, g } = blockSpec(block);
        // ChannelShuffle after the grouped 1x1 is a pure permutation (no MACs, no weights) and is not a CG op.
        x = mbConv(b, x, {
          outC,
          k,
          stride,
          mid: inC * e,
          act: 'relu',
          expand: true,
          pwGroups: g,
          residual: stride === 1 && inC === outC,
          label,
        });
      }
      inC = outC;
      layer++;
    }
  }
  x = convBnAct(b, x, { outC: cifar ? 1504 : 1984, k: 1, act: 'relu' });
  x = b.globalPool(x, 'global');
  x = b.matmul(x, opts.nClasses, true);
  b.output(x);
  return b.build();
}

function parse(encoded: unknown): FbnetMember {
  const fn = 'fbnetFamily.parse';
  let list: unknown = encoded;
  // A row of the HW-NAS-Bench / HELP files: its `blocks` (names) or `op_idx` (indices) field.
  if (typeof encoded === 'object' && encoded !== null && !Array.isArray(encoded)) {
    const row = encoded as { blocks?: unknown; op_idx?: unknown };
    list = row.blocks ?? row.op_idx;
  }
  if (typeof list === 'string') list = list.trim().split(/[\s,]+/);
  if (!Array.isArray(list) || list.length !== FBNET_LENGTH) {
    throw new ArchError(
      `cg-core.${fn}: Expected ${FBNET_LENGTH} block names separated by spaces for the FBNet architecture but received ${JSON.stringify(encoded)?.slice(0, 120)}`,
    );
  }
  // The data files also give op indices; accept those as numbers 0..8.
  return list.map((v: unknown, i) => {
    const name = typeof v === 'number' || /^\d+$/.test(String(v)) ? FBNET_BLOCKS[Number(v)] : v;
    if (!(FBNET_BLOCKS as readonly unknown[]).includes(name)) {
      throw new ArchError(
        `cg-core.${fn}: Expected one of ${FBNET_BLOCKS.join(', ')} (or 0..8) for block ${i + 1} but received ${JSON.stringify(v)}`,
      );
    }
    return name as FbnetBlock;
  });
}

export const fbnetFamily: ArchFamily<FbnetMember> & {
  toGraphWith(arch: FbnetMember, options: Partial<FbnetOptions>): ComputationGraph;
} = {
  name: FAMILY,
  parse,
  encode: (a) => a.join(' '),
  toGraph: (a) => buildFbnet(a),
  toGraphWith: buildFbnet,
  sample: (rng: Rng) => Array.from({ length: FBNET_LENGTH }, () => rng.choice(FBNET_BLOCKS)),
  mutate(arch, rng) {
    const out = [...arch];
    const i = rng.int(FBNET_LENGTH);
    out[i] = rng.choice(FBNET_BLOCKS.filter((blk) => blk !== arch[i]));
    return out;
  },
};
