// CSR sparse x dense: Y[i, :] = (accumulate ? Y[i, :] : 0) + sum_{e in row i} w_e * X[col_e, :].
// With the CSR of predecessors this is the sum aggregation of graph convolution.
#include <algorithm>

#include "args.h"
#include "registry.h"
#include "thread_pool.h"

namespace cgnas {

void spmmCsr(size_t rows, const int32_t* rowPtr, const int32_t* colIdx, const float* weights, const float* X,
             size_t features, float* Y, bool accumulate) {
  ThreadPool& pool = ThreadPool::instance();
  const size_t nnz = rowPtr[rows];
  // ~16k multiply-adds per task keeps scheduling cost negligible.
  const size_t work = (nnz + rows) * features;
  const size_t tasks = std::max<size_t>(1, std::min<size_t>(rows, work / 16384));
  const size_t chunk = (rows + tasks - 1) / tasks;
  pool.parallelFor(tasks, [&](size_t task, int) {
    const size_t r0 = task * chunk;
    const size_t r1 = std::min(rows, r0 + chunk);
    for (size_t i = r0; i < r1; ++i) {
      float* __restrict y = Y + i * features;
      if (!accumulate) std::fill(y, y + features, 0.f);
      for (int32_t e = rowPtr[i]; e < rowPtr[i + 1]; ++e) {
        const float* __restrict x = X + static_cast<size_t>(colIdx[e]) * features;
        const float w = weights ? weights[e] : 1.f;
        for (size_t f = 0; f < features; ++f) y[f] += w * x[f];
      }
    }
  });
}

namespace {

// spmm(rows, rowPtr, colIdx, weights|null, X, xRows, features, Y, accumulate)
Napi::Value Spmm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int64_t rows = intArg(info, 0, "spmm", "rows");
  auto rowPtr = typedArrayArg<int32_t>(info, 1, "spmm", "rowPtr");
  auto colIdx = typedArrayArg<int32_t>(info, 2, "spmm", "colIdx");
  const bool weighted = info.Length() > 3 && !info[3].IsNull() && !info[3].IsUndefined();
  ArrayView<float> weights{nullptr, 0};
  if (weighted) weights = typedArrayArg<float>(info, 3, "spmm", "weights");
  auto X = typedArrayArg<float>(info, 4, "spmm", "X");
  const int64_t xRows = intArg(info, 5, "spmm", "xRows");
  const int64_t features = intArg(info, 6, "spmm", "features");
  auto Y = typedArrayArg<float>(info, 7, "spmm", "Y");
  const bool accumulate = boolArg(info, 8);
  require(rows >= 0 && xRows >= 0 && features >= 0, env, "spmm: negative dimension");
  require(static_cast<int64_t>(rowPtr.length) == rows + 1, env, "spmm: rowPtr must have rows + 1 entries");
  require(rowPtr.data[0] == 0, env, "spmm: rowPtr[0] must be 0");
  for (int64_t i = 0; i < rows; ++i) require(rowPtr.data[i + 1] >= rowPtr.data[i], env, "spmm: rowPtr must not decrease");
  const int64_t nnz = rowPtr.data[rows];
  require(static_cast<int64_t>(colIdx.length) >= nnz, env, "spmm: colIdx shorter than rowPtr[rows]");
  require(!weighted || static_cast<int64_t>(weights.length) >= nnz, env, "spmm: weights shorter than rowPtr[rows]");
  for (int64_t e = 0; e < nnz; ++e)
    require(colIdx.data[e] >= 0 && colIdx.data[e] < xRows, env, "spmm: column index out of range");
  require(static_cast<int64_t>(X.length) >= xRows * features, env, "spmm: X is too short");
  require(static_cast<int64_t>(Y.length) >= rows * features, env, "spmm: Y is too short");
  spmmCsr(rows, rowPtr.data, colIdx.data, weighted ? weights.data : nullptr, X.data, features, Y.data, accumulate);
  return env.Undefined();
}

}  // namespace

CGNAS_REGISTER(spmm, Spmm);

}  // namespace cgnas
