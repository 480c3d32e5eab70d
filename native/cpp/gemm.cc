#include "gemm.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "args.h"
#include "registry.h"
#include "thread_pool.h"

namespace cgnas {

namespace {

#if defined(__AVX512F__)
constexpr int VL = 16;
#elif defined(__AVX__)
constexpr int VL = 8;
#else
constexpr int VL = 4;
#endif
typedef float vfloat __attribute__((vector_size(VL * sizeof(float))));
typedef float vfloat_u __attribute__((vector_size(VL * sizeof(float)), aligned(4)));

constexpr int MR = 6;
constexpr int NR = 2 * VL;
constexpr size_t KC = 256;
constexpr size_t MC = 120;   // multiple of MR; A panel (MC x KC floats) stays in L2
constexpr size_t NC = 3072;  // multiple of NR

struct AlignedBuffer {
  float* ptr = nullptr;
  size_t size = 0;
  ~AlignedBuffer() { std::free(ptr); }
  float* get(size_t n) {
    if (n > size) {
      std::free(ptr);
      size_t bytes = ((n * sizeof(float) + 63) / 64) * 64;
      ptr = static_cast<float*>(std::aligned_alloc(64, bytes));
      if (!ptr) throw std::bad_alloc();
      size = n;
    }
    return ptr;
  }
};

// Element (i, j) of a stored row-major matrix seen through an optional transpose.
struct StridedMatrix {
  const float* data;
  size_t rowStride;
  size_t colStride;
  inline float at(size_t i, size_t j) const { return data[i * rowStride + j * colStride]; }
};

// Pack rows [i0, i0+mc) x cols [p0, p0+kc) of A into MR-row slivers, zero-padded.
void packA(const StridedMatrix& A, size_t i0, size_t mc, size_t p0, size_t kc, float* out) {
  for (size_t ir = 0; ir < mc; ir += MR) {
    size_t rows = std::min<size_t>(MR, mc - ir);
    if (A.colStride == 1) {
      for (size_t p = 0; p < kc; ++p) {
        for (size_t i = 0; i < rows; ++i) out[p * MR + i] = A.data[(i0 + ir + i) * A.rowStride + p0 + p];
        for (size_t i = rows; i < MR; ++i) out[p * MR + i] = 0.f;
      }
    } else {
      for (size_t p = 0; p < kc; ++p) {
        const float* src = A.data + (p0 + p) * A.colStride + (i0 + ir) * A.rowStride;
        for (size_t i = 0; i < rows; ++i) out[p * MR + i] = src[i * A.rowStride];
        for (size_t i = rows; i < MR; ++i) out[p * MR + i] = 0.f;
      }
    }
    out += MR * kc;
  }
}

// Pack rows [p0, p0+kc) x cols [j0, j0+nc) of B into NR-column slivers, zero-padded.
void packB(const StridedMatrix& B, size_t p0, size_t kc, size_t j0, size_t nc, float* out) {
  for (size_t jr = 0; jr < nc; jr += NR) {
    size_t cols = std::min<size_t>(NR, nc - jr);
    for (size_t p = 0; p < kc; ++p) {
      float* dst = out + p * NR;
      if (B.colStride == 1) {
        const float* src = B.data + (p0 + p) * B.rowStride + j0 + jr;
        std::memcpy(dst, src, cols * sizeof(float));
      } else {
        for (size_t j = 0; j < cols; ++j) dst[j] = B.at(p0 + p, j0 + jr + j);
      }
      for (size_t j = cols; j < NR; ++j) dst[j] = 0.f;
    }
    out += NR * kc;
  }
}

// acc = Ap(MR x kc) * Bp(kc x NR); then C(mr x nr) = alpha * acc + beta * C.
inline void microKernel(size_t kc, const float* __restrict a, const float* __restrict b, float* c, size_t ldc,
                        float alpha, float beta, size_t mr, size_t nr) {
  vfloat acc[MR][2];
#pragma GCC unroll 6
  for (int i = 0; i < MR; ++i) acc[i][0] = acc[i][1] = vfloat{};
  for (size_t p = 0; p < kc; ++p) {
    const vfloat b0 = *reinterpret_cast<const vfloat*>(b);
    const vfloat b1 = *reinterpret_cast<const vfloat*>(b + VL);
#pragma GCC unroll 6
    for (int i = 0; i < MR; ++i) {
      const vfloat ai = vfloat{} + a[i];
      acc[i][0] += ai * b0;
      acc[i][1] += ai * b1;
    }
    a += MR;
    b += NR;
  }
  if (mr == MR && nr == NR) {
    for (int i = 0; i < MR; ++i) {
      vfloat_u* c0 = reinterpret_cast<vfloat_u*>(c + i * ldc);
      vfloat_u* c1 = reinterpret_cast<vfloat_u*>(c + i * ldc + VL);
      if (beta == 0.f) {
        *c0 = alpha * acc[i][0];
        *c1 = alpha * acc[i][1];
      } else {
        *c0 = alpha * acc[i][0] + beta * vfloat(*c0);
        *c1 = alpha * acc[i][1] + beta * vfloat(*c1);
      }
    }
    return;
  }
  alignas(64) float tmp[MR * NR];
  for (int i = 0; i < MR; ++i) {
    *reinterpret_cast<vfloat*>(tmp + i * NR) = acc[i][0];
    *reinterpret_cast<vfloat*>(tmp + i * NR + VL) = acc[i][1];
  }
  for (size_t i = 0; i < mr; ++i) {
    for (size_t j = 0; j < nr; ++j) {
      float v = alpha * tmp[i * NR + j];
      c[i * ldc + j] = beta == 0.f ? v : v + beta * c[i * ldc + j];
    }
  }
}

AlignedBuffer& threadBuffer(int which) {
  thread_local AlignedBuffer buffers[2];
  return buffers[which];
}

}  // namespace

void sgemm(bool transA, bool transB, size_t m, size_t n, size_t k, float alpha, const float* A, size_t lda,
           const float* B, size_t ldb, float beta, float* C, size_t ldc, int maxThreads) {
  if (m == 0 || n == 0) return;
  if (k == 0 || alpha == 0.f) {
    for (size_t i = 0; i < m; ++i)
      for (size_t j = 0; j < n; ++j) C[i * ldc + j] = beta == 0.f ? 0.f : beta * C[i * ldc + j];
    return;
  }
  const StridedMatrix a{A, transA ? 1 : lda, transA ? lda : 1};
  const StridedMatrix b{B, transB ? 1 : ldb, transB ? ldb : 1};
  ThreadPool& pool = ThreadPool::instance();
  int threads = maxThreads > 0 ? std::min(maxThreads, pool.threads()) : pool.threads();
  // Small problems: threading costs more than it saves.
  if (static_cast<double>(m) * n * k < 64.0 * 64 * 64) threads = 1;

  float* bp = threadBuffer(1).get(KC * std::min(NC, ((n + NR - 1) / NR) * NR));
  for (size_t jc = 0; jc < n; jc += NC) {
    const size_t nc = std::min(NC, n - jc);
    for (size_t pc = 0; pc < k; pc += KC) {
      const size_t kc = std::min(KC, k - pc);
      const float betaBlock = pc == 0 ? beta : 1.f;
      packB(b, pc, kc, jc, nc, bp);
      const size_t mBlocks = (m + MC - 1) / MC;
      // Split M finely enough that both threads get work even when m is only a few MC.
      const size_t mcEff = threads > 1 && mBlocks < static_cast<size_t>(2 * threads)
                               ? std::max<size_t>(MR, ((m + 2 * threads - 1) / (2 * threads) + MR - 1) / MR * MR)
                               : MC;
      const size_t tasks = (m + mcEff - 1) / mcEff;
      pool.parallelFor(tasks, threads, [&](size_t task, int) {
        const size_t ic = task * mcEff;
        const size_t mc = std::min(mcEff, m - ic);
        float* ap = threadBuffer(0).get(((mcEff + MR - 1) / MR) * MR * KC);
        packA(a, ic, mc, pc, kc, ap);
        for (size_t jr = 0; jr < nc; jr += NR) {
          const size_t nr = std::min<size_t>(NR, nc - jr);
          const float* bsl = bp + jr * kc;
          for (size_t ir = 0; ir < mc; ir += MR) {
            const size_t mr = std::min<size_t>(MR, mc - ir);
            microKernel(kc, ap + ir * kc, bsl, C + (ic + ir) * ldc + jc + jr, ldc, alpha, betaBlock, mr, nr);
          }
        }
      });
    }
  }
}

namespace {

// gemm(transA, transB, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc)
Napi::Value Gemm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const bool transA = boolArg(info, 0);
  const bool transB = boolArg(info, 1);
  const int64_t m = intArg(info, 2, "gemm", "m");
  const int64_t n = intArg(info, 3, "gemm", "n");
  const int64_t k = intArg(info, 4, "gemm", "k");
  const float alpha = static_cast<float>(numberArg(info, 5, "gemm", "alpha"));
  auto A = typedArrayArg<float>(info, 6, "gemm", "A");
  const int64_t lda = intArg(info, 7, "gemm", "lda");
  auto B = typedArrayArg<float>(info, 8, "gemm", "B");
  const int64_t ldb = intArg(info, 9, "gemm", "ldb");
  const float beta = static_cast<float>(numberArg(info, 10, "gemm", "beta"));
  auto C = typedArrayArg<float>(info, 11, "gemm", "C");
  const int64_t ldc = intArg(info, 12, "gemm", "ldc");
  require(m >= 0 && n >= 0 && k >= 0, env, "gemm: negative dimension");
  const int64_t aRows = transA ? k : m, aCols = transA ? m : k;
  const int64_t bRows = transB ? n : k, bCols = transB ? k : n;
  require(lda >= std::max<int64_t>(aCols, 1) && ldb >= std::max<int64_t>(bCols, 1) && ldc >= std::max<int64_t>(n, 1),
          env, "gemm: leading dimension smaller than the row length");
  require(aRows == 0 || aCols == 0 || static_cast<int64_t>(A.length) >= (aRows - 1) * lda + aCols, env, "gemm: A is too short");
  require(bRows == 0 || bCols == 0 || static_cast<int64_t>(B.length) >= (bRows - 1) * ldb + bCols, env, "gemm: B is too short");
  require(m == 0 || static_cast<int64_t>(C.length) >= (m - 1) * ldc + n, env, "gemm: C is too short");
  sgemm(transA, transB, m, n, k, alpha, A.data, lda, B.data, ldb, beta, C.data, ldc);
  return env.Undefined();
}

}  // namespace

CGNAS_REGISTER(gemm, Gemm);

}  // namespace cgnas
