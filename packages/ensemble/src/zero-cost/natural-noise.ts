// Seeded random images with natural-image statistics, without any images: a 1/f amplitude spectrum (equal
// power per octave, a sum of bilinearly upsampled white-noise octaves) and strongly correlated
// colour channels, each channel standardised over the batch as CIFAR-10 is after normalisation. The
// data-dependent proxies (jacov, fisher) read the input's spatial structure, which white noise lacks.
import type { Rng } from '@cgnas/native';

export interface NaturalNoiseOptions {
  /** Correlation between colour channels (RGB in natural images: about 0.9). */
  readonly channelCorrelation?: number;
}

/** Bilinear (align-corners) upsampling of an s×s grid to h×w, added into the h×w plane `out`. */
function addUpsampled(grid: Float64Array, s: number, h: number, w: number, out: Float64Array): void {
  for (let y = 0; y < h; y++) {
    const gy = s === 1 ? 0 : (y * (s - 1)) / Math.max(1, h - 1);
    const y0 = Math.floor(gy);
    const y1 = Math.min(s - 1, y0 + 1);
    const fy = gy - y0;
    for (let x = 0; x < w; x++) {
      const gx = s === 1 ? 0 : (x * (s - 1)) / Math.max(1, w - 1);
      const x0 = Math.floor(gx);
      const x1 = Math.min(s - 1, x0 + 1);
      const fx = gx - x0;
      const top = grid[y0 * s + x0]! * (1 - fx) + grid[y0 * s + x1]! * fx;
      const bottom = grid[y1 * s + x0]! * (1 - fx) + grid[y1 * s + x1]! * fx;
      out[y * w + x]! += top * (1 - fy) + bottom * fy;
    }
  }
}

/**
 * One h×w plane of 1/f noise: white-noise octaves at sizes h, h/2, … 2, bilinearly upsampled and summed
 * with equal power, the ideal natural image's equal power per octave. Neighbouring pixels correlate at
 * about 0.6. (Coarse octaves weighted up, √2 in amplitude per octave, give 0.9 as in CIFAR-10 photos, but
 * moved jacov's ρ with accuracy away from the published one: 0.669 vs 0.699, published 0.713, 300 cells.)
 */
function pinkPlane(rng: Rng, h: number, w: number): Float64Array {
  // A 1×1 "image" (a vector input) has no octaves: one white-noise value.
  if (h * w === 1) return Float64Array.of(rng.normal());
  const plane = new Float64Array(h * w);
  for (let s = Math.max(h, w); s >= 2; s = Math.floor(s / 2)) {
    const grid = Float64Array.from({ length: s * s }, () => rng.normal());
    addUpsampled(grid, s, h, w, plane);
  }
  return plane;
}

/** `batch` NHWC images [batch, h, w, c]: 1/f spatial spectrum, correlated channels, per-channel z-scored. */
export function naturalNoise(
  rng: Rng,
  batch: number,
  h: number,
  w: number,
  c: number,
  options: NaturalNoiseOptions = {},
): Float32Array {
  const rho = options.channelCorrelation ?? 0.9;
  const out = new Float32Array(batch * h * w * c);
  const shared = Math.sqrt(rho);
  const own = Math.sqrt(1 - rho);
  for (let b = 0; b < batch; b++) {
    const common = pinkPlane(rng, h, w);
    for (let ch = 0; ch < c; ch++) {
      const plane = pinkPlane(rng, h, w);
      for (let p = 0; p < h * w; p++) out[(b * h * w + p) * c + ch] = shared * common[p]! + own * plane[p]!;
    }
  }
  for (let ch = 0; ch < c; ch++) {
    let sum = 0;
    let sq = 0;
    for (let i = ch; i < out.length; i += c) sum += out[i]!;
    const mean = sum / (out.length / c);
    for (let i = ch; i < out.length; i += c) sq += (out[i]! - mean) ** 2;
    const sd = Math.sqrt(sq / (out.length / c)) || 1;
    for (let i = ch; i < out.length; i += c) out[i] = (out[i]! - mean) / sd;
  }
  return out;
}
