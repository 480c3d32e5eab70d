// Exact log Z, ⟨s_i⟩ and ⟨s_i s_j⟩ of an Ising model by summing over all 2^n states (n ≤ 30).
// The spins split into a low block of k spins and a high block walked in Gray-code order (O(degree)
// per step, statistics of high spins credited lazily: a statistic is constant between flips of its
// spins). Given the high spins, the weight of a low state x factorises as
//   w(x) = e^(−E_hi) · L[x] · F[y(x)],   L[x] = e^(−E_low(x)),   F[y] = e^(−Σ_b g_b s_b),
// where y(x) are the nb low spins that touch the high block ("boundary") and g_b their field from
// it. So one high step costs O(nb·2^nb) with the sums S[y] = Σ_{x: y(x)=y} L[x] precomputed,
// instead of O(2^k) exps, and the low-block statistics come at the end from A[x] = L[x]·Σ_t F_t[y].
// k is picked per graph by a cost model; on a 2-D lattice nb is one row, so the work per state is
// far below one operation (the sum still covers every one of the 2^n states exactly).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "args.h"
#include "registry.h"

namespace cgnas {

namespace {

typedef double vd __attribute__((vector_size(64)));
constexpr int kD = 8;
constexpr int kMaxLow = 20;  // the low tables hold 2^k doubles

struct Model {
  int n;
  const int32_t* offsets;
  const int32_t* indices;
  const int32_t* csrEdge;
  const double* J;
  const double* h;
  const int32_t* edgeI;
  const int32_t* edgeJ;
  int m;
};

// Low spins (0..k−1) that have a neighbour in the high block (k..n−1).
std::vector<int> boundaryOf(const Model& M, int k) {
  std::vector<int> b;
  for (int l = 0; l < k; ++l)
    for (int q = M.offsets[l]; q < M.offsets[l + 1]; ++q)
      if (M.indices[q] >= k) {
        b.push_back(l);
        break;
      }
  return b;
}

// Rough operation count of a split at k: 2^(n−k) high steps, each O(degree) for the flip, the
// boundary rows for the high-low correlations, and O(2^nb·(1 + nb/8)) for the boundary sums; plus
// O(2^k·(k + m)) for the low tables. On K24 its pick costs 1.6 ns/state against 1.3 for the best k.
int chooseLowSpins(const Model& M) {
  int best = std::min(M.n, kMaxLow);
  double bestCost = std::numeric_limits<double>::infinity();
  for (int k = 1; k <= std::min(M.n, kMaxLow); ++k) {
    const std::vector<int> boundary = boundaryOf(M, k);
    const int nb = static_cast<int>(boundary.size());
    double rows = 0;
    for (int l : boundary) rows += M.offsets[l + 1] - M.offsets[l];
    const double step = 40.0 + 2.0 * rows + std::ldexp(3.0 + nb / 4.0, nb);
    const double cost = std::ldexp(step, M.n - k) + std::ldexp(2.0 * k + M.m + 8.0, k);
    if (cost < bestCost) {
      bestCost = cost;
      best = k;
    }
  }
  return best;
}

// out: [logZ, mean(n), corr(m)]; lowSpins = 0 picks the split.
void enumerate(const Model& M, int lowSpins, double* out) {
  const int n = M.n;
  const int k = lowSpins > 0 ? std::min(lowSpins, std::min(n, kMaxLow)) : chooseLowSpins(M);
  const std::vector<int> boundary = boundaryOf(M, k);
  const int nb = static_cast<int>(boundary.size());
  const int ni = k - nb;  // interior low spins take bits 0..ni−1 of x, boundary spins bits ni..k−1
  std::vector<int> bit(k);
  {
    int next = 0;
    std::vector<char> isB(k, 0);
    for (int l : boundary) isB[l] = 1;
    for (int l = 0; l < k; ++l)
      if (!isB[l]) bit[l] = next++;
    for (int b = 0; b < nb; ++b) bit[boundary[b]] = ni + b;
  }
  const size_t loStates = size_t(1) << k;
  const size_t yStates = size_t(1) << nb;
  const size_t rStates = size_t(1) << ni;
  // −E_low(x) (fields and low-low couplings) by adding one spin at a time: x and x without its top
  // bit differ in one spin, s_t: −1 → +1, which changes −E by −2(h_t + Σ_u J s_u).
  std::vector<int> spinAtBit(k);
  for (int l = 0; l < k; ++l) spinAtBit[bit[l]] = l;
  std::vector<double> negE(loStates);
  {
    double e0 = 0;  // all low spins −1
    for (int l = 0; l < k; ++l) e0 -= M.h[l];
    for (int e = 0; e < M.m; ++e)
      if (M.edgeJ[e] < k) e0 += M.J[e];
    negE[0] = -e0;
    for (size_t x = 1; x < loStates; ++x) {
      const int t = 63 - __builtin_clzll(x);
      const size_t prev = x ^ (size_t(1) << t);
      const int l = spinAtBit[t];
      double f = M.h[l];
      for (int q = M.offsets[l]; q < M.offsets[l + 1]; ++q) {
        const int u = M.indices[q];
        if (u < k) f += M.J[M.csrEdge[q]] * (((prev >> bit[u]) & 1) ? 1.0 : -1.0);
      }
      negE[x] = negE[prev] - 2.0 * f;
    }
  }
  const double maxNegE = *std::max_element(negE.begin(), negE.end());
  std::vector<double> L(loStates), S(yStates, 0.0);
  for (size_t x = 0; x < loStates; ++x) {
    L[x] = std::exp(negE[x] - maxNegE);
    S[x >> ni] += L[x];
  }

  std::vector<int8_t> s(n, -1);
  // g[l]: field on low spin l from the high block (low-energy convention: E ∋ g_l s_l);
  // eHi: energy of high fields and high-high couplings.
  std::vector<double> g(k, 0.0);
  double eHi = 0;
  for (int j = k; j < n; ++j) eHi -= M.h[j];
  for (int e = 0; e < M.m; ++e) {
    const int i = M.edgeI[e], j = M.edgeJ[e];
    if (i >= k) eHi += M.J[e];
    else if (j >= k) g[i] -= M.J[e];
  }
  std::vector<double> F(yStates), P(yStates), G(yStates, 0.0), B(nb);
  double sumAbsG = 0;
  for (int b = 0; b < nb; ++b) sumAbsG += std::fabs(g[boundary[b]]);
  double shift = -eHi + maxNegE + sumAbsG;  // accumulators hold values · e^−shift
  double z = 0;
  std::vector<double> meanAcc(n, 0.0), lastZm(n, 0.0), corrAcc(M.m, 0.0), lastZc(M.m, 0.0);
  // Lane signs of bit b < 3 within a vector of 8 consecutive y.
  vd laneSign[3];
  for (int b = 0; b < 3; ++b)
    for (int l = 0; l < kD; ++l) laneSign[b][l] = (l >> b) & 1 ? 1.0 : -1.0;

  const uint64_t hiStates = uint64_t(1) << (n - k);
  for (uint64_t t = 0; t < hiStates; ++t) {
    if (t > 0) {
      const int j = k + __builtin_ctzll(t);
      const int sj = s[j];
      meanAcc[j] += sj * (z - lastZm[j]);
      lastZm[j] = z;
      double f = M.h[j];
      for (int q = M.offsets[j]; q < M.offsets[j + 1]; ++q) {
        const int u = M.indices[q];
        const int e = M.csrEdge[q];
        if (u >= k) {
          f += M.J[e] * s[u];
          corrAcc[e] += sj * s[u] * (z - lastZc[e]);
          lastZc[e] = z;
        } else {
          g[u] -= 2.0 * M.J[e] * sj;
        }
      }
      eHi -= 2.0 * sj * f;
      s[j] = static_cast<int8_t>(-sj);
    }
    sumAbsG = 0;
    for (int b = 0; b < nb; ++b) sumAbsG += std::fabs(g[boundary[b]]);
    // Every weight of this step is ≤ e^(bound); raise the global shift if it is far above it.
    const double bound = -eHi + maxNegE + sumAbsG;
    if (bound > shift + 200) {
      const double scale = std::exp(shift - bound);
      for (auto* v : {&G, &meanAcc, &lastZm, &corrAcc, &lastZc})
        for (auto& a : *v) a *= scale;
      z *= scale;
      shift = bound;
    }
    // F[y] = e^(bound − shift) · Π_b e^(−g_b s_b − |g_b|): each factor ≤ 1 (no overflow), built by doubling.
    F[0] = std::exp(bound - shift);
    for (int b = 0; b < nb; ++b) {
      const double gb = g[boundary[b]], ab = std::fabs(gb);
      const double up = std::exp(-gb - ab), down = std::exp(gb - ab);
      const size_t half = size_t(1) << b;
      for (size_t y = 0; y < half; ++y) {
        F[y | half] = F[y] * up;
        F[y] *= down;
      }
    }
    // zHi = Σ_y F S; B_b = Σ_y F S s_b (for the high-low correlations); G accumulates F for the low statistics.
    double zHi = 0;
    std::fill(B.begin(), B.end(), 0.0);
    if (yStates >= size_t(kD)) {
      vd zv = vd{};
      vd bv[kMaxLow];
      for (int b = 0; b < nb; ++b) bv[b] = vd{};
      for (size_t y = 0; y < yStates; y += kD) {
        vd fv, sv, gv;
        std::memcpy(&fv, &F[y], sizeof(vd));
        std::memcpy(&sv, &S[y], sizeof(vd));
        std::memcpy(&gv, &G[y], sizeof(vd));
        gv += fv;
        std::memcpy(&G[y], &gv, sizeof(vd));
        const vd pv = fv * sv;
        zv += pv;
        for (int b = 0; b < 3; ++b) bv[b] += pv * laneSign[b];
        for (int b = 3; b < nb; ++b) bv[b] += ((y >> b) & 1) ? pv : -pv;
      }
      for (int l = 0; l < kD; ++l) {
        zHi += zv[l];
        for (int b = 0; b < nb; ++b) B[b] += bv[b][l];
      }
    } else {
      for (size_t y = 0; y < yStates; ++y) {
        G[y] += F[y];
        const double p = F[y] * S[y];
        zHi += p;
        for (int b = 0; b < nb; ++b) B[b] += (y >> b) & 1 ? p : -p;
      }
    }
    // High-low edges: s_u (high, fixed in this step) times Σ_x w s_l.
    for (int b = 0; b < nb; ++b) {
      const int l = boundary[b];
      for (int q = M.offsets[l]; q < M.offsets[l + 1]; ++q) {
        const int u = M.indices[q];
        if (u >= k) corrAcc[M.csrEdge[q]] += s[u] * B[b];
      }
    }
    z += zHi;
  }
  // Flush the lazy high-block statistics.
  for (int j = k; j < n; ++j) meanAcc[j] += s[j] * (z - lastZm[j]);
  for (int e = 0; e < M.m; ++e)
    if (M.edgeI[e] >= k) corrAcc[e] += s[M.edgeI[e]] * s[M.edgeJ[e]] * (z - lastZc[e]);
  // Low-block statistics from A[x] = L[x]·G[y(x)] (the total weight of low state x).
  std::vector<double> a(rStates);
  for (size_t y = 0; y < yStates; ++y) {
    for (size_t r = 0; r < rStates; ++r) a[r] = L[(y << ni) | r] * G[y];
    for (int l = 0; l < k; ++l) {
      const int pos = bit[l];
      double acc = 0;
      if (pos >= ni) {
        for (size_t r = 0; r < rStates; ++r) acc += a[r];
        acc = ((y >> (pos - ni)) & 1) ? acc : -acc;
      } else {
        for (size_t r = 0; r < rStates; ++r) acc += ((r >> pos) & 1) ? a[r] : -a[r];
      }
      meanAcc[l] += acc;
    }
    for (int e = 0; e < M.m; ++e) {
      const int i = M.edgeI[e], j = M.edgeJ[e];
      if (j >= k) continue;
      const int pi = bit[i], pj = bit[j];
      double acc = 0;
      for (size_t r = 0; r < rStates; ++r) {
        const size_t x = (y << ni) | r;
        acc += (((x >> pi) ^ (x >> pj)) & 1) ? -a[r] : a[r];
      }
      corrAcc[e] += acc;
    }
  }
  out[0] = shift + std::log(z);
  for (int i = 0; i < n; ++i) out[1 + i] = meanAcc[i] / z;
  for (int e = 0; e < M.m; ++e) out[1 + n + e] = corrAcc[e] / z;
}

// isingEnumerate(n, offsets, indices, csrEdge, J: Float64Array, h: Float64Array, edgeI, edgeJ, out: Float64Array,
//                lowSpins?: number) — lowSpins forces the split (tests); 0 or absent picks it.
Napi::Value IsingEnumerate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "isingEnumerate";
  const int64_t n = intArg(info, 0, fn, "n");
  auto offsets = typedArrayArg<int32_t>(info, 1, fn, "offsets");
  auto indices = typedArrayArg<int32_t>(info, 2, fn, "indices");
  auto csrEdge = typedArrayArg<int32_t>(info, 3, fn, "csrEdge");
  auto J = typedArrayArg<double>(info, 4, fn, "J");
  auto h = typedArrayArg<double>(info, 5, fn, "h");
  auto edgeI = typedArrayArg<int32_t>(info, 6, fn, "edgeI");
  auto edgeJ = typedArrayArg<int32_t>(info, 7, fn, "edgeJ");
  auto out = typedArrayArg<double>(info, 8, fn, "out");
  require(n >= 1 && n <= 30, env, "isingEnumerate: n must be in [1, 30]");
  const size_t m = J.length;
  require(offsets.length == size_t(n + 1) && offsets.data[0] == 0 && size_t(offsets.data[n]) == 2 * m, env,
          "isingEnumerate: offsets must have n + 1 entries ending at 2m");
  require(indices.length >= 2 * m && csrEdge.length >= 2 * m, env, "isingEnumerate: indices/csrEdge too short");
  require(edgeI.length == m && edgeJ.length == m && h.length == size_t(n), env, "isingEnumerate: edge or field length mismatch");
  require(out.length >= 1 + size_t(n) + m, env, "isingEnumerate: out must have 1 + n + m entries");
  for (size_t e = 0; e < m; ++e)
    require(edgeI.data[e] >= 0 && edgeI.data[e] < edgeJ.data[e] && edgeJ.data[e] < n, env, "isingEnumerate: edges need 0 <= i < j < n");
  for (size_t q = 0; q < 2 * m; ++q)
    require(indices.data[q] >= 0 && indices.data[q] < n && csrEdge.data[q] >= 0 && size_t(csrEdge.data[q]) < m, env,
            "isingEnumerate: CSR entry out of range");
  int64_t lowSpins = 0;
  if (info.Length() > 9 && !info[9].IsUndefined()) {
    lowSpins = intArg(info, 9, fn, "lowSpins");
    require(lowSpins >= 0 && lowSpins <= n, env, "isingEnumerate: lowSpins must be in [0, n]");
  }
  Model M{static_cast<int>(n), offsets.data, indices.data, csrEdge.data, J.data, h.data, edgeI.data, edgeJ.data, static_cast<int>(m)};
  enumerate(M, static_cast<int>(lowSpins), out.data);
  return env.Undefined();
}

}  // namespace

CGNAS_REGISTER(isingEnumerate, IsingEnumerate);

}  // namespace cgnas
