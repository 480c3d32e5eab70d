// The ProxylessNAS mobile search space (Cai, Zhu & Han, ICLR 2019; mit-han-lab/proxylessnas
// `ProxylessNASNets`): a 32-channel stem, a fixed 3x3 e1 block, then 21 searchable layers, each an
// MBConv with k ∈ {3,5,7}, e ∈ {3,6} or `zero` (the layer is skipped; not allowed where a stage starts).
import type { Rng } from '@cgnas/native';

import type { ComputationGraph } from '../../graph/computation-graph.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import type { ArchFamily } from '../mobile/arch-family.js';
import { ArchError } from '../arch-error.js';
import { convBnAct, mbConv } from '../mobile/mb-conv.js';

export const PROXYLESS_CHOICES = ['k3_e3', 'k3_e6', 'k5_e3', 'k5_e6', 'k7_e3', 'k7_e6', 'zero'] as const;
export type ProxylessChoice = (typeof PROXYLESS_CHOICES)[number];
export type ProxylessMember = readonly ProxylessChoice[];

export interface ProxylessOptions {
  readonly resolution: number;
  readonly nClasses: number;
}

export const PROXYLESS_DEFAULTS: ProxylessOptions = { resolution: 224, nClasses: 1000 };

const FAMILY = 'proxyless';
const STAGE_LAYERS = [4, 4, 4, 4, 4, 1];
const STAGE_WIDTHS = [24, 40, 80, 96, 192, 320];
const STAGE_STRIDES = [2, 2, 2, 1, 2, 1];
export const PROXYLESS_LENGTH = 21;
/** Layer positions that open a stage (stride or width change): `zero` is not a candidate there. */
export const PROXYLESS_STAGE_STARTS: readonly number[] = [0, 4, 8, 12, 16, 20];

function buildProxyless(arch: ProxylessMember, options: Partial<ProxylessOptions> = {}): ComputationGraph {
  const opts = { ...PROXYLESS_DEFAULTS, ...options };
  const b = new GraphBuilder({ family: FAMILY, arch: arch.join(' ') });
  let x = b.input(opts.resolution, opts.resolution, 3);
  x = convBnAct(b, x, { outC: 32, k: 3, stride: 2, act: 'relu6' });
  x = mbConv(b, x, { outC: 16, k: 3, stride: 1, mid: 32, act: 'relu6', expand: false, residual: false });
  let inC = 16;
  let layer = 0;
  for (let stage = 0; stage < STAGE_LAYERS.length; stage++) {
    const outC = STAGE_WIDTHS[stage]!;
    for (let i = 0; i < STAGE_LAYERS[stage]!; i++, layer++) {
      const choice = arch[layer]!;
      // A zero layer inside a stage leaves only the identity shortcut: the input passes through.
      if (choice === 'zero') continue;
      const stride = i === 0 ? STAGE_STRIDES[stage]! : 1;
      const k = Number(choice[1]);
      const e = Number(choice[4]);
      x = mbConv(b, x, {
        outC,
        k,
        stride,
        mid: inC * e,
        act: 'relu6',
        expand: true,
        residual: stride === 1 && inC === outC,
        label: `layer${layer + 1}.${choice}`,
      });
      inC = outC;
    }
  }
  x = convBnAct(b, x, { outC: 1280, k: 1, act: 'relu6' });
  x = b.globalPool(x, 'global');
  x = b.matmul(x, opts.nClasses, true);
  b.output(x);
  return b.build();
}

function parse(encoded: unknown): ProxylessMember {
  const fn = 'proxylessFamily.parse';
  const list: unknown = typeof encoded === 'string' ? encoded.trim().split(/[\s,]+/) : encoded;
  if (!Array.isArray(list) || list.length !== PROXYLESS_LENGTH) {
    throw new ArchError(
      `cg-core.${fn}: Expected ${PROXYLESS_LENGTH} layer choices separated by spaces but received ${JSON.stringify(encoded)?.slice(0, 120)}`,
    );
  }
  return list.map((v: unknown, i) => {
    if (!(PROXYLESS_CHOICES as readonly unknown[]).includes(v)) {
      throw new ArchError(
        `cg-core.${fn}: Expected one of ${PROXYLESS_CHOICES.join(', ')} for layer ${i + 1} but received ${JSON.stringify(v)}`,
      );
    }
    if (v === 'zero' && PROXYLESS_STAGE_STARTS.includes(i)) {
      throw new ArchError(
        `cg-core.${fn}: layer ${i + 1} opens a stage and cannot be zero; choose an MBConv (e.g. k3_e3)`,
      );
    }
    return v as ProxylessChoice;
  });
}

function choicesAt(i: number): readonly ProxylessChoice[] {
  return PROXYLESS_STAGE_STARTS.includes(i) ? PROXYLESS_CHOICES.filter((c) => c !== 'zero') : PROXYLESS_CHOICES;
}

export const proxylessFamily: ArchFamily<ProxylessMember> & {
  toGraphWith(arch: ProxylessMember, options: Partial<ProxylessOptions>): ComputationGraph;
} = {
  name: FAMILY,
  parse,
  encode: (a) => a.join(' '),
  toGraph: (a) => buildProxyless(a),
  toGraphWith: buildProxyless,
  sample: (rng: Rng) => Array.from({ length: PROXYLESS_LENGTH }, (_, i) => rng.choice(choicesAt(i))),
  mutate(arch, rng) {
    const out = [...arch];
    const i = rng.int(PROXYLESS_LENGTH);
    out[i] = rng.choice(choicesAt(i).filter((c) => c !== arch[i]));
    return out;
  },
};
