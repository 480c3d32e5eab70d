// Exact hypervolume of a set of minimisation vectors w.r.t. a reference point: a sweep in 2-D and
// slicing along the third objective into 2-D sweeps in 3-D (O(n² log n), ample for NAS fronts).
import { SearchInputError } from '../errors.js';

function hv2(points: readonly (readonly number[])[], ref: readonly number[]): number {
  const pts = points.filter((p) => p[0]! < ref[0]! && p[1]! < ref[1]!).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let volume = 0;
  let bestY = ref[1]!;
  for (const p of pts) {
    if (p[1]! < bestY) {
      volume += (ref[0]! - p[0]!) * (bestY - p[1]!);
      bestY = p[1]!;
    }
  }
  return volume;
}

export function hypervolume(points: readonly (readonly number[])[], ref: readonly number[]): number {
  const d = ref.length;
  if (d !== 2 && d !== 3) {
    throw new SearchInputError(
      `search.hypervolume: Expected a 2- or 3-objective reference point but received ${d} objectives`,
    );
  }
  for (const p of points) {
    if (p.length !== d || p.some((v) => !Number.isFinite(v))) {
      throw new SearchInputError(
        `search.hypervolume: Expected finite ${d}-vectors for points but received ${JSON.stringify(p)}`,
      );
    }
  }
  if (d === 2) return hv2(points, ref);
  const pts = points.filter((p) => p[0]! < ref[0]! && p[1]! < ref[1]! && p[2]! < ref[2]!).sort((a, b) => a[2]! - b[2]!);
  let volume = 0;
  for (let i = 0; i < pts.length; i++) {
    const z = pts[i]![2]!;
    const zNext = i + 1 < pts.length ? pts[i + 1]![2]! : ref[2]!;
    if (zNext > z) volume += hv2(pts.slice(0, i + 1), ref) * (zNext - z);
  }
  return volume;
}
