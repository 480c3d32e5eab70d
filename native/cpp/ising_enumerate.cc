// Exact log Z, ⟨s_i⟩ and ⟨s_i s_j⟩ of an Ising model by enumerating all 2^n states (n ≤ 30).
// The spins split into a low block of k ≤ 12 (inner loop, vectorised over its 2^k states with a
// polynomial exp) and a high block walked in Gray-code order (O(degree) per step). Low-block
// statistics come from one accumulated weight table A[x]; high-block statistics are credited lazily
// (a statistic is constant between flips of its spins), so the per-state work is ~10 vector ops / 8.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "args.h"
#include "registry.h"

namespace cgnas {

namespace {

typedef double vd __attribute__((vector_size(64)));
typedef int64_t vl __attribute__((vector_size(64)));
constexpr int kD = 8;

// e^x for x in [−700, ~700] (clamped below), relative error ~1e-15: Cody-Waite reduction, degree-11 Taylor.
inline vd expNeg(vd x) {
  x = x > vd{} - 700.0 ? x : vd{} - 700.0;
  const vd t = x * 1.4426950408889634;
  const vd magic = vd{} + 6755399441055744.0;  // 1.5·2^52 rounds to the nearest integer
  const vd r = t + magic;
  const vd k = r - magic;
  const vd f = (x - k * 0.6931471803691238) - k * 1.9082149292705877e-10;
  vd p = vd{} + 1.0 / 39916800.0;
  p = p * f + 1.0 / 3628800.0;
  p = p * f + 1.0 / 362880.0;
  p = p * f + 1.0 / 40320.0;
  p = p * f + 1.0 / 5040.0;
  p = p * f + 1.0 / 720.0;
  p = p * f + 1.0 / 120.0;
  p = p * f + 1.0 / 24.0;
  p = p * f + 1.0 / 6.0;
  p = p * f + 0.5;
  p = p * f + 1.0;
  p = p * f + 1.0;
  vl ki, mb;
  std::memcpy(&ki, &r, sizeof(ki));
  std::memcpy(&mb, &magic, sizeof(mb));
  const vl bits = (ki - mb + 1023) << 52;
  vd scale;
  std::memcpy(&scale, &bits, sizeof(scale));
  return p * scale;
}

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

// out: [logZ, mean(n), corr(m)]
void enumerate(const Model& M, double* out) {
  const int n = M.n;
  const int k = std::min(n, 12);
  const int hiN = n - k;
  const size_t loStates = size_t(1) << k;
  // Low-block energy (fields and low-low couplings) of each low state x; bit l = spin l is +1.
  std::vector<double> negElo(loStates);
  for (size_t x = 0; x < loStates; ++x) {
    double e = 0;
    for (int l = 0; l < k; ++l) e += M.h[l] * ((x >> l) & 1 ? 1 : -1);
    for (int e2 = 0; e2 < M.m; ++e2) {
      const int i = M.edgeI[e2], j = M.edgeJ[e2];
      if (j < k) e += M.J[e2] * (((x >> i) & 1) == ((x >> j) & 1) ? 1 : -1);
    }
    negElo[x] = -e;
  }
  const double maxNegElo = *std::max_element(negElo.begin(), negElo.end());
  // Low spins coupled to the high block ("boundary"): they get a field g_l from the high spins.
  std::vector<int> boundary;
  for (int l = 0; l < k; ++l)
    for (int q = M.offsets[l]; q < M.offsets[l + 1]; ++q)
      if (M.indices[q] >= k) {
        boundary.push_back(l);
        break;
      }
  const int nb = static_cast<int>(boundary.size());
  std::vector<double> sign(size_t(nb) * loStates);
  for (int b = 0; b < nb; ++b)
    for (size_t x = 0; x < loStates; ++x) sign[b * loStates + x] = (x >> boundary[b]) & 1 ? 1.0 : -1.0;

  std::vector<int8_t> s(n, -1);
  // g[l]: field on low spin l from the high block; eHi: energy of high fields + high-high couplings.
  std::vector<double> g(k, 0.0);
  double eHi = 0;
  for (int j = k; j < n; ++j) eHi -= M.h[j];
  for (int e = 0; e < M.m; ++e) {
    const int i = M.edgeI[e], j = M.edgeJ[e];
    if (i >= k) eHi += M.J[e];
    else if (j >= k) g[i] -= M.J[e];
  }
  std::vector<double> A(loStates, 0.0);
  std::vector<double> B(nb);
  std::vector<double> lin(loStates);
  double shift = -eHi + maxNegElo;  // global log shift; accumulators hold values · e^−shift
  double z = 0;
  std::vector<double> meanAcc(n, 0.0), lastZm(n, 0.0), corrAcc(M.m, 0.0), lastZc(M.m, 0.0);
  std::vector<int> isBoundaryIdx(k, -1);
  for (int b = 0; b < nb; ++b) isBoundaryIdx[boundary[b]] = b;

  const uint64_t hiStates = uint64_t(1) << hiN;
  for (uint64_t t = 0; t < hiStates; ++t) {
    if (t > 0) {
      const int j = k + __builtin_ctzll(t);
      const int sj = s[j];
      // Credit the statistics of spin j and its high-high edges before the flip.
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
    // lin(x) = −E_hi − Σ_l g_l s_l(x) − shift over boundary spins; bound keeps every weight ≤ 1 before the shift.
    double bound = -eHi + maxNegElo;
    for (int b = 0; b < nb; ++b) bound += std::fabs(g[boundary[b]]);
    if (bound > shift + 200) {
      const double scale = std::exp(shift - bound);
      for (auto& a : A) a *= scale;
      for (auto* v : {&meanAcc, &lastZm, &corrAcc, &lastZc})
        for (auto& a : *v) a *= scale;
      z *= scale;
      shift = bound;
    }
    std::fill(lin.begin(), lin.end(), -eHi - shift);
    for (int b = 0; b < nb; ++b) {
      const double gb = g[boundary[b]];
      const double* sg = &sign[b * loStates];
      for (size_t x = 0; x < loStates; ++x) lin[x] -= gb * sg[x];
    }
    // Inner loop over low states, 8 at a time: w = e^(−E − shift), A[x] += w, B_b += w·s_b.
    double zHi = 0;
    std::fill(B.begin(), B.end(), 0.0);
    const size_t vecEnd = loStates / kD * kD;
    vd zv = vd{};
    vd bv[12];
    for (int b = 0; b < nb; ++b) bv[b] = vd{};
    for (size_t x = 0; x < vecEnd; x += kD) {
      vd le, ln, av;
      std::memcpy(&le, &negElo[x], sizeof(vd));
      std::memcpy(&ln, &lin[x], sizeof(vd));
      std::memcpy(&av, &A[x], sizeof(vd));
      const vd w = expNeg(le + ln);
      av += w;
      std::memcpy(&A[x], &av, sizeof(vd));
      zv += w;
      for (int b = 0; b < nb; ++b) {
        vd sg;
        std::memcpy(&sg, &sign[b * loStates + x], sizeof(vd));
        bv[b] += w * sg;
      }
    }
    for (int l = 0; l < kD; ++l) zHi += zv[l];
    for (int b = 0; b < nb; ++b)
      for (int l = 0; l < kD; ++l) B[b] += bv[b][l];
    for (size_t x = vecEnd; x < loStates; ++x) {
      const double w = std::exp(negElo[x] + lin[x]);
      A[x] += w;
      zHi += w;
      for (int b = 0; b < nb; ++b) B[b] += w * sign[b * loStates + x];
    }
    // High-low edges: s_j (high, fixed in this step) times Σ_x w s_l.
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
  // Low-block statistics from the accumulated table A.
  for (size_t x = 0; x < loStates; ++x) {
    for (int l = 0; l < k; ++l) meanAcc[l] += (x >> l) & 1 ? A[x] : -A[x];
    for (int e = 0; e < M.m; ++e) {
      const int i = M.edgeI[e], j = M.edgeJ[e];
      if (j < k) corrAcc[e] += ((x >> i) & 1) == ((x >> j) & 1) ? A[x] : -A[x];
    }
  }
  out[0] = shift + std::log(z);
  for (int i = 0; i < n; ++i) out[1 + i] = meanAcc[i] / z;
  for (int e = 0; e < M.m; ++e) out[1 + n + e] = corrAcc[e] / z;
}

// isingEnumerate(n, offsets, indices, csrEdge, J: Float64Array, h: Float64Array, edgeI, edgeJ, out: Float64Array)
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
  Model M{static_cast<int>(n), offsets.data, indices.data, csrEdge.data, J.data, h.data, edgeI.data, edgeJ.data, static_cast<int>(m)};
  enumerate(M, out.data);
  return env.Undefined();
}

}  // namespace

CGNAS_REGISTER(isingEnumerate, IsingEnumerate);

}  // namespace cgnas
