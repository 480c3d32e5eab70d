// Register-blocked width-32 GraphConv kernels (see graph_conv_w32.h). Written with GCC vector
// extensions like gemm.cc, so the same source compiles to AVX-512, AVX2 or SSE; the block sizes
// below keep the accumulators within the register file of each.
#include "graph_conv_w32.h"

#include <algorithm>
#include <cstring>

#include "graph_conv_tanh.h"

namespace cgnas {

namespace {

#if defined(__AVX512F__)
constexpr int VL = 16;
constexpr int RF = 8;  // forward rows per block: RF × NV accumulators
constexpr int KB = 8;  // weight-gradient rows per block: KB × NV accumulators
constexpr int RB = 4;  // input-gradient rows per block: RB × 2·NV accumulators
#elif defined(__AVX__)
constexpr int VL = 8;
constexpr int RF = 3;
constexpr int KB = 2;
constexpr int RB = 1;
#else
constexpr int VL = 4;
constexpr int RF = 1;
constexpr int KB = 1;
constexpr int RB = 1;
#endif
constexpr int NV = static_cast<int>(kW32) / VL;  // vectors per 32-float row
static_assert(kW32 % KB == 0, "weight-gradient blocks must tile the 32 rows");
typedef float vfloat __attribute__((vector_size(VL * sizeof(float))));

inline vfloat load(const float* p) {
  vfloat v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline void store(float* p, const vfloat& v) { std::memcpy(p, &v, sizeof v); }

// out = Σ_{e ∈ [b, e)} x[idx[e]] in CSR order (the order of the generic kernel and the JS reference).
inline void sumRows(const int32_t* idx, int32_t b, int32_t e, const float* x, float* out) {
  vfloat s[NV] = {};
  for (int32_t k = b; k < e; ++k) {
    const float* src = x + static_cast<size_t>(idx[k]) * kW32;
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) s[v] += load(src + v * VL);
  }
#pragma GCC unroll 4
  for (int v = 0; v < NV; ++v) store(out + v * VL, s[v]);
}

constexpr size_t W = kW32;
alignas(64) const float kZeros[W] = {};

// acc[r] += rows[r] · M for a register block of RF rows (M is W×W, row-major): M streams through once per
// block while the RF×W accumulators stay in registers. Used for both halves of x_i' = W1 x_i + W2 agg_i.
__attribute__((always_inline)) inline void accumulateRowsTimes(vfloat (&acc)[RF][NV], const float* const (&rows)[RF],
                                                               const float* M) {
  for (size_t k = 0; k < W; ++k) {
    vfloat w[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) w[v] = load(M + k * W + v * VL);
#pragma GCC unroll 8
    for (int r = 0; r < RF; ++r) {
      const float a = rows[r][k];
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[r][v] += a * w[v];
    }
  }
}

}  // namespace

void graphConv32Forward(size_t r0, size_t r1, const int32_t* predPtr, const int32_t* predIdx, const float* x,
                        const float* params, float* y) {
  const float* W1 = params;
  const float* W2 = params + W * W;
  const float* b = params + 2 * W * W;
  vfloat bias[NV];
  for (int v = 0; v < NV; ++v) bias[v] = load(b + v * VL);
  alignas(64) float agg[RF][W];
  for (size_t i = r0; i < r1; i += RF) {
    const size_t rows = std::min<size_t>(RF, r1 - i);
    const float* xr[RF];
    for (size_t r = 0; r < static_cast<size_t>(RF); ++r) {
      if (r < rows) {
        xr[r] = x + (i + r) * W;
        sumRows(predIdx, predPtr[i + r], predPtr[i + r + 1], x, agg[r]);
      } else {
        // Short last block: zero rows compute harmlessly and are not stored.
        xr[r] = kZeros;
        std::memset(agg[r], 0, sizeof agg[r]);
      }
    }
    vfloat acc[RF][NV];
#pragma GCC unroll 8
    for (int r = 0; r < RF; ++r)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[r][v] = bias[v];
    const float* ag[RF];
    for (int r = 0; r < RF; ++r) ag[r] = agg[r];
    accumulateRowsTimes(acc, xr, W1);
    accumulateRowsTimes(acc, ag, W2);
    for (size_t r = 0; r < rows; ++r)
      for (int v = 0; v < NV; ++v) store(y + (i + r) * W + v * VL, acc[r][v]);
  }
  float* __restrict out = y + r0 * W;
  const size_t count = (r1 - r0) * W;
  for (size_t k = 0; k < count; ++k) out[k] = fastTanh(out[k]);
}

void graphConv32Transpose(const float* params, float* wt) {
  for (size_t k = 0; k < W; ++k) {
    for (size_t f = 0; f < W; ++f) {
      wt[f * 2 * W + k] = params[k * W + f];
      wt[f * 2 * W + W + k] = params[(W + k) * W + f];
    }
  }
}

void graphConv32BackwardRows(size_t r0, size_t r1, const int32_t* predPtr, const int32_t* predIdx, const float* x,
                             const float* wt, const float* y, const float* dy, float* partial, float* dx, float* h2) {
  const size_t rows = r1 - r0;
  // dz has RB − 1 spare zero rows so the input-gradient blocks need no tail case.
  alignas(64) float dz[(kW32MaxRows + RB) * W];
  alignas(64) float agg[kW32MaxRows * W];
  for (size_t i = 0; i < rows; ++i) {
    const float* __restrict yi = y + (r0 + i) * W;
    const float* __restrict dyi = dy + (r0 + i) * W;
    float* __restrict d = dz + i * W;
    for (size_t f = 0; f < W; ++f) d[f] = dyi[f] * (1.f - yi[f] * yi[f]);
    sumRows(predIdx, predPtr[r0 + i], predPtr[r0 + i + 1], x, agg + i * W);
  }
  const size_t padded = (rows + RB - 1) / RB * RB;
  std::memset(dz + rows * W, 0, (padded - rows) * W * sizeof(float));

  // [dW1; dW2] = [x; agg]ᵀ dZ: KB weight rows in registers, one pass over the chunk's rows each.
  for (int half = 0; half < 2; ++half) {
    const float* src = half == 0 ? x + r0 * W : agg;
    for (size_t kb = 0; kb < W; kb += KB) {
      vfloat acc[KB][NV] = {};
      for (size_t i = 0; i < rows; ++i) {
        vfloat d[NV];
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) d[v] = load(dz + i * W + v * VL);
        const float* a = src + i * W + kb;
#pragma GCC unroll 8
        for (int kk = 0; kk < KB; ++kk) {
          const float s = a[kk];
#pragma GCC unroll 4
          for (int v = 0; v < NV; ++v) acc[kk][v] += s * d[v];
        }
      }
      float* out = partial + (half * W + kb) * W;
      for (int kk = 0; kk < KB; ++kk)
        for (int v = 0; v < NV; ++v) store(out + kk * W + v * VL, acc[kk][v]);
    }
  }
  {
    vfloat s[NV] = {};
    for (size_t i = 0; i < rows; ++i)
      for (int v = 0; v < NV; ++v) s[v] += load(dz + i * W + v * VL);
    for (int v = 0; v < NV; ++v) store(partial + 2 * W * W + v * VL, s[v]);
  }
  if (!dx) return;

  // [dx_i | h2_i] = dZ_i [W1; W2]ᵀ: RB rows × 64 outputs in registers, wt streamed from L1.
  for (size_t i = 0; i < rows; i += RB) {
    vfloat acc[RB][2 * NV] = {};
    for (size_t f = 0; f < W; ++f) {
      vfloat w[2 * NV];
#pragma GCC unroll 8
      for (int v = 0; v < 2 * NV; ++v) w[v] = load(wt + f * 2 * W + v * VL);
#pragma GCC unroll 4
      for (int r = 0; r < RB; ++r) {
        const float s = dz[(i + r) * W + f];
#pragma GCC unroll 8
        for (int v = 0; v < 2 * NV; ++v) acc[r][v] += s * w[v];
      }
    }
    const size_t n = std::min<size_t>(RB, rows - i);
    for (size_t r = 0; r < n; ++r) {
      for (int v = 0; v < NV; ++v) {
        store(dx + (r0 + i + r) * W + v * VL, acc[r][v]);
        store(h2 + (r0 + i + r) * W + v * VL, acc[r][NV + v]);
      }
    }
  }
}

void graphConv32GatherSuccessors(size_t r0, size_t r1, const int32_t* succPtr, const int32_t* succIdx,
                                 const float* h2, float* dx) {
  for (size_t j = r0; j < r1; ++j) {
    float* d = dx + j * W;
    vfloat s[NV];
    for (int v = 0; v < NV; ++v) s[v] = load(d + v * VL);
    for (int32_t e = succPtr[j]; e < succPtr[j + 1]; ++e) {
      const float* g = h2 + static_cast<size_t>(succIdx[e]) * W;
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) s[v] += load(g + v * VL);
    }
    for (int v = 0; v < NV; ++v) store(d + v * VL, s[v]);
  }
}

}  // namespace cgnas
