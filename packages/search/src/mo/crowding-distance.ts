// Crowding distance (Deb et al. 2002, NSGA-II §III-B): per objective, the normalised gap between a
// point's two neighbours; boundary points get Infinity so the extremes of a front survive.

/** Distance of each point in `points` (one front, minimisation vectors), in input order. */
export function crowdingDistance(points: readonly (readonly number[])[]): Float64Array {
  const n = points.length;
  const d = new Float64Array(n);
  if (n === 0) return d;
  const m = points[0]!.length;
  for (let k = 0; k < m; k++) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => points[a]![k]! - points[b]![k]! || a - b);
    const lo = points[order[0]!]![k]!;
    const hi = points[order[n - 1]!]![k]!;
    d[order[0]!] = Infinity;
    d[order[n - 1]!] = Infinity;
    if (hi === lo) continue;
    for (let i = 1; i < n - 1; i++) {
      d[order[i]!]! += (points[order[i + 1]!]![k]! - points[order[i - 1]!]![k]!) / (hi - lo);
    }
  }
  return d;
}
