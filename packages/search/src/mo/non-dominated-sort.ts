// Fast non-dominated sorting (Deb et al. 2002, NSGA-II §III-A) on minimisation vectors.

/** True when `a` is no worse than `b` in every objective and better in one (minimisation). */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]! > b[i]!) return false;
    if (a[i]! < b[i]!) better = true;
  }
  return better;
}

/** Fronts of indices into `points`: front 0 is the non-dominated set, front 1 the next, and so on. */
export function nonDominatedSort(points: readonly (readonly number[])[]): number[][] {
  const n = points.length;
  const dominatedBy: number[][] = Array.from({ length: n }, () => []);
  const count = new Int32Array(n);
  const fronts: number[][] = [[]];
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      if (dominates(points[p]!, points[q]!)) {
        dominatedBy[p]!.push(q);
        count[q]!++;
      } else if (dominates(points[q]!, points[p]!)) {
        dominatedBy[q]!.push(p);
        count[p]!++;
      }
    }
  }
  for (let p = 0; p < n; p++) if (count[p] === 0) fronts[0]!.push(p);
  for (let f = 0; fronts[f]!.length > 0; f++) {
    const next: number[] = [];
    for (const p of fronts[f]!) {
      for (const q of dominatedBy[p]!) if (--count[q]! === 0) next.push(q);
    }
    fronts.push(next);
  }
  fronts.pop();
  return fronts;
}
