// The k smallest eigenvalues of a dense real symmetric matrix: Householder reduction to tridiagonal form,
// then Sturm-sequence bisection (Golub & Van Loan, Matrix Computations, 4th ed., §8.3 and §8.4.1). This is
// the graph-level feature of the encoder (normalised-Laplacian spectrum of a CG, n up to a few hundred):
// the O(n³) reduction dominates, and its two O(n²) passes per column vectorise over contiguous rows.
// Same algorithm as the JS twin (native/src/linalg/js-symmetric-eigenvalues.ts).
#include <algorithm>
#include <cmath>
#include <vector>

#include "args.h"
#include "registry.h"

namespace cgnas {

namespace {

// In-place Householder on the full (symmetric) row-major matrix: d = diagonal, e[i] couples i and i+1.
void tridiagonalize(double* a, size_t n, double* d, double* e) {
  std::vector<double> v(n, 0.0), p(n, 0.0);
  for (size_t k = 0; k + 2 < n; ++k) {
    double norm2 = 0;
    for (size_t i = k + 1; i < n; ++i) norm2 += a[i * n + k] * a[i * n + k];
    const double x0 = a[(k + 1) * n + k];
    const double tail = norm2 - x0 * x0;
    if (tail == 0) {
      e[k] = x0;  // already tridiagonal in this column
      continue;
    }
    const double alpha = x0 >= 0 ? -std::sqrt(norm2) : std::sqrt(norm2);
    for (size_t i = k + 1; i < n; ++i) v[i] = a[i * n + k];
    v[k + 1] = x0 - alpha;
    double vn = 0;
    for (size_t i = k + 1; i < n; ++i) vn += v[i] * v[i];
    vn = std::sqrt(vn);
    for (size_t i = k + 1; i < n; ++i) v[i] /= vn;
    // p = A v on the trailing block, K = vᵀp, w = p − K v; A ← A − 2 v wᵀ − 2 w vᵀ.
    // A is symmetric, so A v = Σ_i v_i A[i, :]: axpys over contiguous rows, which vectorise without
    // reassociating a reduction (the JS twin takes row dot products; results agree to rounding).
    const double* __restrict vv = v.data();
    double* __restrict pw = p.data();
    std::fill(pw + k + 1, pw + n, 0.0);
    for (size_t i = k + 1; i < n; ++i) {
      const double* __restrict row = a + i * n;
      const double vi = vv[i];
      if (vi == 0) continue;
      for (size_t j = k + 1; j < n; ++j) pw[j] += vi * row[j];
    }
    double kk = 0;
    for (size_t i = k + 1; i < n; ++i) kk += v[i] * p[i];
    for (size_t i = k + 1; i < n; ++i) p[i] -= kk * v[i];
    const double* __restrict pp = p.data();
    for (size_t i = k + 1; i < n; ++i) {
      double* __restrict row = a + i * n;
      const double vi = 2 * v[i];
      const double wi = 2 * p[i];
      for (size_t j = k + 1; j < n; ++j) row[j] = row[j] - vi * pp[j] - wi * vv[j];
    }
    e[k] = alpha;
  }
  for (size_t i = 0; i < n; ++i) d[i] = a[i * n + i];
  if (n >= 2) e[n - 2] = a[(n - 1) * n + (n - 2)];
  e[n - 1] = 0;
}

// Number of eigenvalues of the tridiagonal (d, e²) strictly below x (Sturm count via LDLᵀ pivots).
size_t countBelow(const double* d, const double* e2, size_t n, double x) {
  size_t count = 0;
  double q = d[0] - x;
  if (q < 0) ++count;
  for (size_t i = 1; i < n; ++i) {
    const double denom = q == 0 ? 1e-300 : q;
    q = d[i] - x - e2[i - 1] / denom;
    if (q < 0) ++count;
  }
  return count;
}

}  // namespace

void symmetricEigenvalues(double* a, size_t n, size_t m, double* out) {
  if (m == 0 || n == 0) return;
  std::vector<double> d(n), e(n), e2(n, 0.0);
  tridiagonalize(a, n, d.data(), e.data());
  // Gershgorin bounds of the tridiagonal matrix.
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < n; ++i) {
    const double r = (i > 0 ? std::fabs(e[i - 1]) : 0) + (i + 1 < n ? std::fabs(e[i]) : 0);
    lo = std::min(lo, d[i] - r);
    hi = std::max(hi, d[i] + r);
  }
  for (size_t i = 0; i + 1 < n; ++i) e2[i] = e[i] * e[i];
  const double scale = std::max({std::fabs(lo), std::fabs(hi), 1e-300});
  const double tol = scale * 4e-16;
  double left = lo;
  for (size_t j = 0; j < m; ++j) {
    // The (j+1)-th smallest eigenvalue is the smallest x with count(< x) > j.
    double a0 = left, b0 = hi;
    while (b0 - a0 > tol) {
      const double mid = 0.5 * (a0 + b0);
      if (mid <= a0 || mid >= b0) break;
      if (countBelow(d.data(), e2.data(), n, mid) > j)
        b0 = mid;
      else
        a0 = mid;
    }
    out[j] = 0.5 * (a0 + b0);
    left = a0;
  }
}

namespace {

// symmetricEigenvalues(a: Float64Array n*n (overwritten), n, out: Float64Array of m = min(k, n))
Napi::Value SymmetricEigenvalues(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto a = typedArrayArg<double>(info, 0, "symmetricEigenvalues", "a");
  const int64_t n = intArg(info, 1, "symmetricEigenvalues", "n");
  auto out = typedArrayArg<double>(info, 2, "symmetricEigenvalues", "out");
  require(n >= 0, env, "symmetricEigenvalues: negative n");
  require(static_cast<int64_t>(a.length) == n * n, env, "symmetricEigenvalues: a must hold n*n values");
  require(static_cast<int64_t>(out.length) <= n, env, "symmetricEigenvalues: out longer than n");
  symmetricEigenvalues(a.data, static_cast<size_t>(n), out.length, out.data);
  return env.Undefined();
}

}  // namespace

CGNAS_REGISTER(symmetricEigenvalues, SymmetricEigenvalues);

}  // namespace cgnas
