// Search spaces of the mobile families built in cg-core: OFA-MobileNetV3 (Cai et al. 2020),
// ProxylessNAS (Cai et al. 2019) and FBNet as in HW-NAS-Bench (Wu et al. 2019; Li et al. 2021).
// Crossover is uniform per position (per stage for OFA, whose depth decides which slots are live).
import {
  FBNET_BLOCKS,
  OFA_MBV3_D,
  OFA_MBV3_E,
  OFA_MBV3_KS,
  OFA_MBV3_R,
  PROXYLESS_CHOICES,
  fbnetFamily,
  ofaMbv3Family,
  proxylessFamily,
  type OfaMbv3Member,
} from '@cgnas/cg-core';
import type { Rng } from '@cgnas/native';

import { familySpace } from './family-space.js';
import type { SearchSpace } from './search-space.js';

const STAGES = 5;
const SLOTS = 4;

function oneHot<T>(seq: readonly T[], choices: readonly T[]): Float64Array {
  const f = new Float64Array(seq.length * choices.length);
  seq.forEach((v, i) => (f[i * choices.length + choices.indexOf(v)] = 1));
  return f;
}

function uniform<T>(a: readonly T[], b: readonly T[], rng: Rng): T[] {
  return a.map((v, i) => (rng.float() < 0.5 ? v : b[i]!));
}

/** Slots past a stage's depth do not exist in the subnet; they are masked in hash and features. */
function ofaCanonical(a: OfaMbv3Member): { ks: number[]; e: number[]; d: readonly number[]; r: number } {
  const live = (i: number): boolean => i % SLOTS < a.d[Math.floor(i / SLOTS)]!;
  return { ks: a.ks.map((k, i) => (live(i) ? k : 0)), e: a.e.map((x, i) => (live(i) ? x : 0)), d: a.d, r: a.r };
}

const OFA_FEATURES = STAGES * SLOTS * (OFA_MBV3_KS.length + OFA_MBV3_E.length) + STAGES * OFA_MBV3_D.length + 1;

export function ofaMbv3Space(): SearchSpace<OfaMbv3Member> {
  return familySpace(ofaMbv3Family, {
    featureSize: OFA_FEATURES,
    hash: (a) => JSON.stringify(ofaCanonical(a)),
    features(a) {
      const c = ofaCanonical(a);
      const f = new Float64Array(OFA_FEATURES);
      let k = 0;
      for (let i = 0; i < STAGES * SLOTS; i++) {
        if (c.ks[i]) f[k + OFA_MBV3_KS.indexOf(c.ks[i] as 3 | 5 | 7)] = 1;
        k += OFA_MBV3_KS.length;
        if (c.e[i]) f[k + OFA_MBV3_E.indexOf(c.e[i] as 3 | 4 | 6)] = 1;
        k += OFA_MBV3_E.length;
      }
      f.set(oneHot(c.d, OFA_MBV3_D as readonly number[]), k);
      k += STAGES * OFA_MBV3_D.length;
      const rMin = OFA_MBV3_R[0]!;
      const rMax = OFA_MBV3_R[OFA_MBV3_R.length - 1]!;
      f[k] = (a.r - rMin) / (rMax - rMin);
      return f;
    },
    crossover(a, b, rng) {
      const ks: number[] = [];
      const e: number[] = [];
      const d: number[] = [];
      for (let s = 0; s < STAGES; s++) {
        const src = rng.float() < 0.5 ? a : b;
        d.push(src.d[s]!);
        ks.push(...src.ks.slice(s * SLOTS, (s + 1) * SLOTS));
        e.push(...src.e.slice(s * SLOTS, (s + 1) * SLOTS));
      }
      return { ks, e, d, r: rng.float() < 0.5 ? a.r : b.r };
    },
  });
}

export function proxylessSpace(): SearchSpace<readonly (typeof PROXYLESS_CHOICES)[number][]> {
  return familySpace(proxylessFamily, {
    featureSize: 21 * PROXYLESS_CHOICES.length,
    features: (a) => oneHot(a, PROXYLESS_CHOICES),
    // Both parents keep every stage's first layer non-zero, so the child does too.
    crossover: (a, b, rng) => uniform(a, b, rng),
  });
}

export function fbnetSpace(): SearchSpace<readonly (typeof FBNET_BLOCKS)[number][]> {
  return familySpace(fbnetFamily, {
    featureSize: 22 * FBNET_BLOCKS.length,
    features: (a) => oneHot(a, FBNET_BLOCKS),
    crossover: (a, b, rng) => uniform(a, b, rng),
  });
}
