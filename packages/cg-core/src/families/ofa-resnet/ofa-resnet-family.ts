// Once-for-All ResNet50 (Cai et al., ICLR 2020), built as `OFAResNets` in mit-han-lab/once-for-all
// (elastic_nn/networks/ofa_resnets.py) builds an active subnet: depth `d` (stem skip + 4 stages), per-block
// bottleneck ratio `e` (18 slots) and width-multiplier indices `w` (2 stem convs + 4 stages).
import type { Rng } from '@cgnas/native';

import type { ComputationGraph } from '../../graph/computation-graph.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import type { ArchFamily } from '../mobile/arch-family.js';
import { ArchError } from '../arch-error.js';
import { makeDivisible, pyRound } from '../mobile/make-divisible.js';
import { convBnAct } from '../mobile/mb-conv.js';
import { choiceList, jsonObject, onlyFields } from '../mobile/parse-helpers.js';

/** OFA's `arch_config` for OFAResNets plus the input resolution. */
export interface OfaResnetMember {
  /** d[0] ∈ {0, 2}: 2 keeps the stem's residual conv; d[1..4] ∈ {0, 1, 2}: extra blocks per stage. */
  readonly d: readonly number[];
  /** 18 bottleneck ratios ∈ {0.2, 0.25, 0.35}; slot i belongs to block i of the deepest network. */
  readonly e: readonly number[];
  /** 6 indices into OFA_RESNET_WIDTH_MULTS. */
  readonly w: readonly number[];
  readonly r: number;
}

export const OFA_RESNET_D = [0, 1, 2] as const;
export const OFA_RESNET_E = [0.2, 0.25, 0.35] as const;
export const OFA_RESNET_WIDTH_MULTS = [0.65, 0.8, 1.0] as const;
export const OFA_RESNET_R: readonly number[] = Array.from({ length: 25 }, (_, i) => 128 + 4 * i);

const FAMILY = 'ofa-resnet50';
const BASE_DEPTH = [2, 2, 4, 2];
const STAGE_WIDTH = [256, 512, 1024, 2048];
const STRIDES = [1, 2, 2, 2];
const MAX_D = 2;
const SLOTS = BASE_DEPTH.reduce((s, v) => s + v + MAX_D, 0);

function buildOfaResnet(arch: OfaResnetMember, nClasses = 1000): ComputationGraph {
  const wm = (i: number) => OFA_RESNET_WIDTH_MULTS[arch.w[i]!]!;
  const inputChannel = makeDivisible(64 * wm(1), 8);
  const midInput = makeDivisible(Math.floor(makeDivisible(64 * wm(0), 8) / 2), 8);
  const b = new GraphBuilder({ family: FAMILY, arch: ofaResnetFamily.encode(arch) });
  let x = b.input(arch.r, arch.r, 3);
  x = convBnAct(b, x, { outC: midInput, k: 3, stride: 2, act: 'relu' });
  if (arch.d[0] === MAX_D) x = b.add([convBnAct(b, x, { outC: midInput, k: 3, act: 'relu' }), x]);
  x = convBnAct(b, x, { outC: inputChannel, k: 3, act: 'relu' });
  x = b.maxpool(x, { k: 3, stride: 2, pads: [1, 1, 1, 1] });
  let inC = inputChannel;
  let slot = 0;
  for (let stage = 0; stage < 4; stage++) {
    const outC = makeDivisible(STAGE_WIDTH[stage]! * wm(stage + 2), 8);
    const depth = BASE_DEPTH[stage]! + arch.d[stage + 1]!;
    for (let i = 0; i < BASE_DEPTH[stage]! + MAX_D; i++, slot++) {
      if (i >= depth) continue;
      const stride = i === 0 ? STRIDES[stage]! : 1;
      const mid = makeDivisible(pyRound(outC * arch.e[slot]!), 8);
      let y = convBnAct(b, x, { outC: mid, k: 1, act: 'relu', label: `stage${stage + 1}.block${i}` });
      y = convBnAct(b, y, { outC: mid, k: 3, stride, act: 'relu' });
      y = convBnAct(b, y, { outC, k: 1, act: null });
      let shortcut = x;
      if (stride !== 1 || inC !== outC) {
        // avgpool_conv downsampling: AvgPool(stride, ceil_mode) then 1x1 conv + BN.
        if (stride !== 1) {
          const s = b.shape(x);
          shortcut = b.avgpool(shortcut, { k: stride, stride, pads: [0, 0, s.h % stride, s.w % stride] });
        }
        shortcut = convBnAct(b, shortcut, { outC, k: 1, act: null });
      }
      x = b.relu(b.add([y, shortcut]));
      inC = outC;
    }
  }
  x = b.globalPool(x, 'global');
  x = b.matmul(x, nClasses, true);
  b.output(x);
  return b.build();
}

function parse(encoded: unknown): OfaResnetMember {
  const fn = 'ofaResnetFamily.parse';
  const obj = jsonObject(encoded, FAMILY, fn);
  onlyFields(obj, ['d', 'e', 'w', 'r'], FAMILY, fn);
  const d = choiceList(obj, 'd', 5, OFA_RESNET_D, FAMILY, fn);
  if (d[0] === 1) {
    throw new ArchError(`cg-core.${fn}: Expected 0 or 2 for d[0] (stem skip) but received 1`);
  }
  const e = choiceList(obj, 'e', SLOTS, OFA_RESNET_E, FAMILY, fn);
  const w = choiceList(obj, 'w', 6, [0, 1, 2], FAMILY, fn);
  const r = obj.r ?? 224;
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 32 || r > 1024) {
    throw new ArchError(
      `cg-core.${fn}: Expected an integer resolution in [32, 1024] for r but received ${JSON.stringify(r)}`,
    );
  }
  return { d, e, w, r };
}

export const ofaResnetFamily: ArchFamily<OfaResnetMember> = {
  name: FAMILY,
  parse,
  encode: (a) => JSON.stringify({ d: a.d, e: a.e, w: a.w, r: a.r }),
  toGraph: (a) => buildOfaResnet(a),
  sample: (rng: Rng) => ({
    d: [rng.choice([0, MAX_D]), ...Array.from({ length: 4 }, () => rng.choice(OFA_RESNET_D))],
    e: Array.from({ length: SLOTS }, () => rng.choice(OFA_RESNET_E)),
    w: Array.from({ length: 6 }, () => rng.int(3)),
    r: rng.choice(OFA_RESNET_R),
  }),
  mutate(arch, rng) {
    const d = [...arch.d];
    const e = [...arch.e];
    const w = [...arch.w];
    let r = arch.r;
    const pick = rng.int(5 + SLOTS + 6 + 1);
    const other = <T>(choices: readonly T[], cur: T): T => rng.choice(choices.filter((c) => c !== cur));
    if (pick === 0) d[0] = d[0] === 0 ? MAX_D : 0;
    else if (pick < 5) d[pick] = other(OFA_RESNET_D, d[pick]!);
    else if (pick < 5 + SLOTS) e[pick - 5] = other(OFA_RESNET_E, e[pick - 5]!);
    else if (pick < 5 + SLOTS + 6) w[pick - 5 - SLOTS] = other([0, 1, 2], w[pick - 5 - SLOTS]!);
    else r = other(OFA_RESNET_R.includes(r) ? OFA_RESNET_R : [...OFA_RESNET_R, r], r);
    return { d, e, w, r };
  },
};
