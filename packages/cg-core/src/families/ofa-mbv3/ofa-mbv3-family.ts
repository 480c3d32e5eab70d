// Once-for-All MobileNetV3 (Cai et al., ICLR 2020), built exactly as `OFAMobileNetV3` in
// mit-han-lab/once-for-all (ofa/imagenet_classification/elastic_nn/networks/ofa_mbv3.py) builds an
// active subnet: member = per-slot kernel `ks` and expand ratio `e` (20 slots), stage depths `d`, resolution `r`.
import type { Rng } from '@cgnas/native';

import type { ComputationGraph } from '../../graph/computation-graph.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import type { ArchFamily } from '../mobile/arch-family.js';
import { ArchError } from '../arch-error.js';
import { makeDivisible, pyRound } from '../mobile/make-divisible.js';
import { convBnAct, mbConv, type MobileAct } from '../mobile/mb-conv.js';
import { choiceList, jsonObject, onlyFields } from '../mobile/parse-helpers.js';

/** One OFA-MBv3 subnet; the field names of HELP's `help_ofa_mbv3_latency.jsonl`. */
export interface OfaMbv3Member {
  readonly ks: readonly number[];
  readonly e: readonly number[];
  readonly d: readonly number[];
  readonly r: number;
}

export interface OfaMbv3Options {
  /** OFA's width multiplier (1.0 for `ofa_mbv3_d234_e346_k357_w1.0`, 1.2 for the w1.2 supernet). */
  readonly widthMult: number;
  readonly nClasses: number;
}

export const OFA_MBV3_DEFAULTS: OfaMbv3Options = { widthMult: 1.0, nClasses: 1000 };

export const OFA_MBV3_KS = [3, 5, 7] as const;
export const OFA_MBV3_E = [3, 4, 6] as const;
export const OFA_MBV3_D = [2, 3, 4] as const;
/** Resolutions OFA trains and HELP samples: 128, 132, ..., 224. */
export const OFA_MBV3_R: readonly number[] = Array.from({ length: 25 }, (_, i) => 128 + 4 * i);

const FAMILY = 'ofa-mbv3';
const BASE_WIDTH = [16, 16, 24, 40, 80, 112, 160, 960, 1280];
const STRIDES = [1, 2, 2, 2, 1, 2];
const ACTS: readonly MobileAct[] = ['relu', 'relu', 'relu', 'hswish', 'hswish', 'hswish'];
const SE = [false, false, true, false, true, true];
const SLOTS_PER_STAGE = 4;

function buildOfaMbv3(arch: OfaMbv3Member, options: Partial<OfaMbv3Options> = {}): ComputationGraph {
  const opts = { ...OFA_MBV3_DEFAULTS, ...options };
  const widths = BASE_WIDTH.map((w) => makeDivisible(w * opts.widthMult, 8));
  const b = new GraphBuilder({ family: FAMILY, arch: ofaMbv3Family.encode(arch) });
  let x = b.input(arch.r, arch.r, 3);
  x = convBnAct(b, x, { outC: widths[0]!, k: 3, stride: 2, act: 'hswish' });
  // First block: 3x3 depthwise, expand ratio 1, identity shortcut when widths agree.
  x = mbConv(b, x, {
    outC: widths[1]!,
    k: 3,
    stride: STRIDES[0]!,
    mid: widths[0]!,
    act: ACTS[0]!,
    expand: false,
    residual: widths[0] === widths[1],
  });
  let inC = widths[1]!;
  for (let stage = 0; stage < 5; stage++) {
    const outC = widths[stage + 2]!;
    for (let i = 0; i < arch.d[stage]!; i++) {
      const slot = stage * SLOTS_PER_STAGE + i;
      const stride = i === 0 ? STRIDES[stage + 1]! : 1;
      const e = arch.e[slot]!;
      const mid = makeDivisible(pyRound(inC * e), 8);
      x = mbConv(b, x, {
        outC,
        k: arch.ks[slot]!,
        stride,
        mid,
        act: ACTS[stage + 1]!,
        expand: e !== 1,
        ...(SE[stage + 1] ? { seChannels: makeDivisible(Math.floor(mid / 4), 8) } : {}),
        residual: stride === 1 && inC === outC,
        label: `stage${stage + 1}.block${i}`,
      });
      inC = outC;
    }
  }
  x = convBnAct(b, x, { outC: widths[7]!, k: 1, act: 'hswish' });
  x = b.globalPool(x, 'global');
  // feature_mix_layer: 1x1 conv without BN and bias, then h-swish.
  x = b.unary('hswish', b.conv(x, { outC: widths[8]!, k: 1, bias: false }));
  x = b.matmul(x, opts.nClasses, true);
  b.output(x);
  return b.build();
}

function parse(encoded: unknown): OfaMbv3Member {
  const fn = 'ofaMbv3Family.parse';
  const obj = jsonObject(encoded, FAMILY, fn);
  onlyFields(obj, ['ks', 'e', 'd', 'r'], FAMILY, fn);
  const ks = choiceList(obj, 'ks', 20, OFA_MBV3_KS, FAMILY, fn);
  const e = choiceList(obj, 'e', 20, OFA_MBV3_E, FAMILY, fn);
  const d = choiceList(obj, 'd', 5, OFA_MBV3_D, FAMILY, fn);
  const r = obj.r;
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 32 || r > 1024) {
    throw new ArchError(
      `cg-core.${fn}: Expected an integer resolution in [32, 1024] for r but received ${JSON.stringify(r)}`,
    );
  }
  return { ks, e, d, r };
}

function activeSlots(arch: OfaMbv3Member): number[] {
  return arch.d.flatMap((d, stage) => Array.from({ length: d }, (_, i) => stage * SLOTS_PER_STAGE + i));
}

function differentChoice<T>(rng: Rng, choices: readonly T[], current: T): T {
  const others = choices.filter((c) => c !== current);
  return rng.choice(others);
}

/** OFA-MBv3 as an ArchFamily; `toGraph` uses OFA_MBV3_DEFAULTS (width 1.0, 1000 classes). */
export const ofaMbv3Family: ArchFamily<OfaMbv3Member> & {
  toGraphWith(arch: OfaMbv3Member, options: Partial<OfaMbv3Options>): ComputationGraph;
} = {
  name: FAMILY,
  parse,
  encode: (a) => JSON.stringify({ ks: a.ks, e: a.e, d: a.d, r: a.r }),
  toGraph: (a) => buildOfaMbv3(a),
  toGraphWith: (a, options) => buildOfaMbv3(a, options),
  sample(rng) {
    return {
      ks: Array.from({ length: 20 }, () => rng.choice(OFA_MBV3_KS)),
      e: Array.from({ length: 20 }, () => rng.choice(OFA_MBV3_E)),
      d: Array.from({ length: 5 }, () => rng.choice(OFA_MBV3_D)),
      r: rng.choice(OFA_MBV3_R),
    };
  },
  mutate(arch, rng) {
    // Only choices that change the network: active slots' ks/e, the 5 depths, and r.
    const slots = activeSlots(arch);
    const pick = rng.int(2 * slots.length + 5 + 1);
    const ks = [...arch.ks];
    const e = [...arch.e];
    const d = [...arch.d];
    let r = arch.r;
    if (pick < slots.length) ks[slots[pick]!] = differentChoice(rng, OFA_MBV3_KS, ks[slots[pick]!]!);
    else if (pick < 2 * slots.length) {
      const s = slots[pick - slots.length]!;
      e[s] = differentChoice(rng, OFA_MBV3_E, e[s]!);
    } else if (pick < 2 * slots.length + 5) {
      const st = pick - 2 * slots.length;
      d[st] = differentChoice(rng, OFA_MBV3_D, d[st]!);
    } else r = differentChoice(rng, OFA_MBV3_R.includes(r) ? OFA_MBV3_R : [...OFA_MBV3_R, r], r);
    return { ks, e, d, r };
  },
};
