// Single-precision GEMM, row-major: C = alpha * op(A) * op(B) + beta * C.
// BLIS-style: B and A are packed into cache-sized panels and a register-blocked micro-kernel
// (GCC vector extensions, so the same source compiles to AVX-512, AVX2 or SSE) does the FMAs.
#pragma once
#include <cstddef>

namespace cgnas {

// op(A) is m x k, op(B) is k x n, C is m x n. lda/ldb/ldc are row strides of the stored matrices.
// beta == 0 overwrites C without reading it. maxThreads <= 0 means the pool's setting.
void sgemm(bool transA, bool transB, size_t m, size_t n, size_t k, float alpha, const float* A, size_t lda,
           const float* B, size_t ldb, float beta, float* C, size_t ldc, int maxThreads = 0);

}  // namespace cgnas
