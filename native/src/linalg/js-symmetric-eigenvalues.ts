// The JS twin of the native symmetricEigenvalues kernel (native/cpp/symmetric_eigen.cc), same algorithm
// and operation order: Householder reduction to tridiagonal form, then Sturm-sequence bisection (Golub &
// Van Loan, Matrix Computations, 4th ed., §8.3 and §8.4.1), which returns exactly the requested smallest
// eigenvalues without computing eigenvectors.

/** Writes the out.length smallest eigenvalues (ascending) of the symmetric n×n row-major `a` (overwritten). */
export function jsSymmetricEigenvalues(a: Float64Array, n: number, out: Float64Array): void {
  const m = Math.min(out.length, n);
  if (m === 0) return;
  const d = new Float64Array(n);
  const e = new Float64Array(n); // e[i] couples rows i and i+1
  tridiagonalize(a, n, d, e);
  // Gershgorin bounds of the tridiagonal matrix.
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = (i > 0 ? Math.abs(e[i - 1]!) : 0) + (i < n - 1 ? Math.abs(e[i]!) : 0);
    lo = Math.min(lo, d[i]! - r);
    hi = Math.max(hi, d[i]! + r);
  }
  const e2 = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) e2[i] = e[i]! * e[i]!;
  const scale = Math.max(Math.abs(lo), Math.abs(hi), 1e-300);
  const tol = scale * 4e-16;
  let left = lo;
  for (let j = 0; j < m; j++) {
    // The (j+1)-th smallest eigenvalue is the smallest x with count(< x) > j.
    let a0 = left;
    let b0 = hi;
    while (b0 - a0 > tol) {
      const mid = 0.5 * (a0 + b0);
      if (mid <= a0 || mid >= b0) break;
      if (countBelow(d, e2, n, mid) > j) b0 = mid;
      else a0 = mid;
    }
    out[j] = 0.5 * (a0 + b0);
    left = a0;
  }
}

/** Number of eigenvalues of the tridiagonal (d, e²) strictly below x (Sturm count via LDLᵀ pivots). */
function countBelow(d: Float64Array, e2: Float64Array, n: number, x: number): number {
  let count = 0;
  let q = d[0]! - x;
  if (q < 0) count++;
  for (let i = 1; i < n; i++) {
    const denom = q === 0 ? 1e-300 : q;
    q = d[i]! - x - e2[i - 1]! / denom;
    if (q < 0) count++;
  }
  return count;
}

/** In-place Householder: leaves the diagonal in d and the sub-diagonal in e (e[n-1] = 0). */
function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += a[i * n + k]! * a[i * n + k]!;
    const x0 = a[(k + 1) * n + k]!;
    const tail = norm2 - x0 * x0;
    if (tail === 0) {
      e[k] = x0;
      continue; // already tridiagonal in this column
    }
    const alpha = x0 >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    for (let i = k + 1; i < n; i++) v[i] = a[i * n + k]!;
    v[k + 1] = x0 - alpha;
    let vn = 0;
    for (let i = k + 1; i < n; i++) vn += v[i]! * v[i]!;
    vn = Math.sqrt(vn);
    for (let i = k + 1; i < n; i++) v[i] = v[i]! / vn;
    // p = A v on the trailing block, K = vᵀp, w = p − K v; A ← A − 2 v wᵀ − 2 w vᵀ.
    let kk = 0;
    for (let i = k + 1; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let j = k + 1; j < n; j++) s += a[row + j]! * v[j]!;
      p[i] = s;
      kk += v[i]! * s;
    }
    for (let i = k + 1; i < n; i++) p[i] = p[i]! - kk * v[i]!;
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const vi = 2 * v[i]!;
      const wi = 2 * p[i]!;
      for (let j = k + 1; j < n; j++) a[row + j] = a[row + j]! - vi * p[j]! - wi * v[j]!;
    }
    e[k] = alpha;
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i]!;
  if (n >= 2) e[n - 2] = a[(n - 1) * n + (n - 2)]!;
  e[n - 1] = 0;
}
