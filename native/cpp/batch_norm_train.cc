// BatchNorm in training mode at initialisation (γ = 1, β = 0, batch statistics, biased variance), forward
// and backward over rows of `channels` values (NHWC flattened to [rows, C]; Ioffe & Szegedy 2015, §3), for
// the zero-cost proxies' networks (packages/ensemble/src/zero-cost/batch-norm-train.ts). Each channel's sums
// run over the rows in order, in double, as in the JS twin: var = E[x²] − mean² cancels badly on channels
// with a large mean, and another summation order moved snip/fisher by ~1e-4 (relative) on NAS-Bench-201.
// Threads split the channels, so the result does not depend on the thread count either.
#include <algorithm>
#include <cmath>
#include <vector>

#include "args.h"
#include "registry.h"
#include "thread_pool.h"

namespace cgnas {

namespace {

constexpr size_t kRowsPerBlock = 512;

// Below ~1M values a second thread costs more to wake than it saves.
int layerThreads(size_t values) { return values < (size_t{1} << 20) ? 1 : 64; }

// sa[j] = Σ_r a[r, j], sab[j] = Σ_r a[r, j]·b[r, j] (b = a gives Σa²), in double, rows in order. Each task
// takes a contiguous range of channels (at least 8) through all rows in one pass.
void channelSums(size_t rows, size_t c, const float* a, const float* b, std::vector<double>& sa,
                 std::vector<double>& sab) {
  sa.assign(c, 0.0);
  sab.assign(c, 0.0);
  const int threads = layerThreads(rows * c);
  const size_t wanted = threads == 1 ? 1 : static_cast<size_t>(ThreadPool::instance().threads());
  const size_t tasks = std::max<size_t>(1, std::min<size_t>(wanted, c / 8));
  const size_t per = (c + tasks - 1) / tasks;
  ThreadPool::instance().parallelFor(tasks, threads, [&](size_t task, int) {
    const size_t j0 = task * per;
    const size_t j1 = std::min(c, j0 + per);
    if (j0 >= j1) return;
    double* __restrict s = sa.data() + j0;
    double* __restrict p = sab.data() + j0;
    const size_t width = j1 - j0;
    for (size_t r = 0; r < rows; ++r) {
      const float* __restrict ar = a + r * c + j0;
      const float* __restrict br = b + r * c + j0;
      for (size_t j = 0; j < width; ++j) {
        const double v = ar[j];
        s[j] += v;
        p[j] += v * br[j];
      }
    }
  });
}

// out[r, j] = a[r, j]·s[j] + b[r, j]·t[j] + u[j] (b null: no second term), evaluated in double and rounded
// once, as the JS twin does: the loop is memory-bound, so the wider arithmetic costs nothing measurable.
void channelAffine(size_t rows, size_t c, const float* a, const float* b, const double* s, const double* t,
                   const double* u, float* out) {
  const size_t blocks = std::max<size_t>(1, (rows + kRowsPerBlock - 1) / kRowsPerBlock);
  ThreadPool::instance().parallelFor(blocks, layerThreads(rows * c), [&](size_t block, int) {
    const size_t r1 = std::min(rows, (block + 1) * kRowsPerBlock);
    for (size_t r = block * kRowsPerBlock; r < r1; ++r) {
      const float* __restrict ar = a + r * c;
      float* __restrict o = out + r * c;
      if (b) {
        const float* __restrict br = b + r * c;
        for (size_t j = 0; j < c; ++j) o[j] = static_cast<float>(ar[j] * s[j] + br[j] * t[j] + u[j]);
      } else {
        for (size_t j = 0; j < c; ++j) o[j] = static_cast<float>(ar[j] * s[j] + u[j]);
      }
    }
  });
}

// batchNormTrainForward(rows, channels, epsilon, x, y, invStd): y = (x − mean) / sqrt(var + ε) per
// channel; invStd (Float64Array, length channels) receives 1 / sqrt(var + ε) for the backward pass.
Napi::Value BatchNormTrainForward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "batchNormTrainForward";
  const int64_t rows = intArg(info, 0, fn, "rows");
  const int64_t c = intArg(info, 1, fn, "channels");
  const double eps = numberArg(info, 2, fn, "epsilon");
  auto x = typedArrayArg<float>(info, 3, fn, "x");
  auto y = typedArrayArg<float>(info, 4, fn, "y");
  auto invStd = typedArrayArg<double>(info, 5, fn, "invStd");
  require(rows > 0 && c > 0, env, "batchNormTrainForward: rows and channels must be positive");
  const size_t n = static_cast<size_t>(rows) * c;
  require(x.length >= n && y.length >= n && invStd.length >= static_cast<size_t>(c), env,
          "batchNormTrainForward: an array is shorter than rows x channels says");
  std::vector<double> sum, sq;
  channelSums(rows, c, x.data, x.data, sum, sq);
  std::vector<double> scale(c), zero(c, 0.0), shift(c);
  for (int64_t j = 0; j < c; ++j) {
    const double mean = sum[j] / rows;
    const double inv = 1.0 / std::sqrt(std::max(sq[j] / rows - mean * mean, 0.0) + eps);
    invStd.data[j] = inv;
    scale[j] = inv;
    shift[j] = -mean * inv;
  }
  channelAffine(rows, c, x.data, nullptr, scale.data(), zero.data(), shift.data(), y.data);
  return env.Undefined();
}

// batchNormTrainBackward(rows, channels, y, invStd, dy, dx): dx = invStd·(dy − mean(dy) − y·mean(dy·y))
// with y = x̂ the forward output and means over the rows.
Napi::Value BatchNormTrainBackward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "batchNormTrainBackward";
  const int64_t rows = intArg(info, 0, fn, "rows");
  const int64_t c = intArg(info, 1, fn, "channels");
  auto y = typedArrayArg<float>(info, 2, fn, "y");
  auto invStd = typedArrayArg<double>(info, 3, fn, "invStd");
  auto dy = typedArrayArg<float>(info, 4, fn, "dy");
  auto dx = typedArrayArg<float>(info, 5, fn, "dx");
  require(rows > 0 && c > 0, env, "batchNormTrainBackward: rows and channels must be positive");
  const size_t n = static_cast<size_t>(rows) * c;
  require(y.length >= n && dy.length >= n && dx.length >= n && invStd.length >= static_cast<size_t>(c), env,
          "batchNormTrainBackward: an array is shorter than rows x channels says");
  std::vector<double> sumG, sumGY;
  channelSums(rows, c, dy.data, y.data, sumG, sumGY);
  std::vector<double> s(c), t(c), u(c);
  for (int64_t j = 0; j < c; ++j) {
    const double inv = invStd.data[j];
    s[j] = inv;
    t[j] = -inv * sumGY[j] / rows;
    u[j] = -inv * sumG[j] / rows;
  }
  channelAffine(rows, c, dy.data, y.data, s.data(), t.data(), u.data(), dx.data);
  return env.Undefined();
}

}  // namespace

CGNAS_REGISTER(batchNormTrainForward, BatchNormTrainForward);
CGNAS_REGISTER(batchNormTrainBackward, BatchNormTrainBackward);

}  // namespace cgnas
