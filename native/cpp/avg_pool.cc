// NHWC average pooling that divides by the number of in-bounds taps (PyTorch count_include_pad=False, as
// in NAS-Bench-201's avg_pool_3x3), forward and backward, for the zero-cost proxies' networks
// (packages/ensemble/src/zero-cost/avg-pool-exclude-pad.ts). Both directions are gathers over rows of the
// output (forward) or input (backward), so no two tasks write the same element and the result does not
// depend on the thread count. The window sums are separable and run in the JS twin's order (along W, then
// H; the scale in double), so both give the same floats.
#include <algorithm>
#include <vector>

#include "args.h"
#include "registry.h"
#include "thread_pool.h"

namespace cgnas {

namespace {

struct PoolGeometry {
  int n, h, w, c, kh, kw, strideH, strideW, padTop, padLeft, outH, outW;
};

// Window [lo, hi) clipped to [0, size) for each output position along one axis.
struct Windows {
  std::vector<int> lo, hi;
};

Windows windows(int out, int size, int k, int stride, int pad) {
  Windows win{std::vector<int>(out), std::vector<int>(out)};
  for (int o = 0; o < out; ++o) {
    win.lo[o] = std::max(0, o * stride - pad);
    win.hi[o] = std::min(size, o * stride - pad + k);
  }
  return win;
}

double inverseCount(const Windows& wh, const Windows& ww, int oh, int ow) {
  return 1.0 / (static_cast<double>(wh.hi[oh] - wh.lo[oh]) * (ww.hi[ow] - ww.lo[ow]));
}

int poolThreads(const PoolGeometry& g) {
  const size_t work = static_cast<size_t>(g.n) * g.outH * g.outW * g.c * g.kh * g.kw;
  return work < (size_t{1} << 20) ? 1 : 64;
}

thread_local std::vector<float> rowScratch;

// Per image: r[ih, ow, :] = Σ_iw x[ih, iw, :] once, then y[oh, ow, :] = Σ_ih r[ih, ow, :] · 1/count.
void avgPoolForward(const PoolGeometry& g, const float* x, float* y) {
  const Windows wh = windows(g.outH, g.h, g.kh, g.strideH, g.padTop);
  const Windows ww = windows(g.outW, g.w, g.kw, g.strideW, g.padLeft);
  const size_t c = g.c;
  const size_t rowLen = static_cast<size_t>(g.outW) * c;
  ThreadPool::instance().parallelFor(static_cast<size_t>(g.n), poolThreads(g), [&](size_t n, int) {
    rowScratch.assign(static_cast<size_t>(g.h) * rowLen, 0.f);
    float* r = rowScratch.data();
    for (int ih = 0; ih < g.h; ++ih) {
      const float* row = x + (n * g.h + ih) * g.w * c;
      for (int ow = 0; ow < g.outW; ++ow) {
        float* __restrict s = r + ih * rowLen + static_cast<size_t>(ow) * c;
        for (int iw = ww.lo[ow]; iw < ww.hi[ow]; ++iw) {
          const float* __restrict xi = row + static_cast<size_t>(iw) * c;
          for (size_t j = 0; j < c; ++j) s[j] += xi[j];
        }
      }
    }
    for (int oh = 0; oh < g.outH; ++oh) {
      float* __restrict out = y + (n * g.outH + oh) * rowLen;
      std::fill(out, out + rowLen, 0.f);
      for (int ih = wh.lo[oh]; ih < wh.hi[oh]; ++ih) {
        const float* __restrict ri = r + ih * rowLen;
        for (size_t k = 0; k < rowLen; ++k) out[k] += ri[k];
      }
      for (int ow = 0; ow < g.outW; ++ow) {
        const double inv = inverseCount(wh, ww, oh, ow);
        float* __restrict o = out + static_cast<size_t>(ow) * c;
        for (size_t j = 0; j < c; ++j) o[j] = static_cast<float>(o[j] * inv);
      }
    }
  });
}

// dx[n, ih, iw, :] = Σ over the windows (oh, ow) that contain (ih, iw) of dy[n, oh, ow, :] / count(oh, ow):
// first over oh into a row r[ow, :], then over ow.
void avgPoolBackward(const PoolGeometry& g, const float* dy, float* dx) {
  const Windows wh = windows(g.outH, g.h, g.kh, g.strideH, g.padTop);
  const Windows ww = windows(g.outW, g.w, g.kw, g.strideW, g.padLeft);
  const size_t c = g.c;
  ThreadPool::instance().parallelFor(static_cast<size_t>(g.n) * g.h, poolThreads(g), [&](size_t task, int) {
    const int n = static_cast<int>(task / g.h);
    const int ih = static_cast<int>(task % g.h);
    rowScratch.assign(static_cast<size_t>(g.outW) * c, 0.f);
    float* __restrict r = rowScratch.data();
    for (int oh = 0; oh < g.outH; ++oh) {
      if (ih < wh.lo[oh] || ih >= wh.hi[oh]) continue;
      const float* d = dy + (static_cast<size_t>(n) * g.outH + oh) * g.outW * c;
      for (int ow = 0; ow < g.outW; ++ow) {
        const double inv = inverseCount(wh, ww, oh, ow);
        const float* __restrict di = d + static_cast<size_t>(ow) * c;
        float* __restrict ri = r + static_cast<size_t>(ow) * c;
        for (size_t j = 0; j < c; ++j) ri[j] += static_cast<float>(di[j] * inv);
      }
    }
    float* row = dx + task * g.w * c;
    std::fill(row, row + static_cast<size_t>(g.w) * c, 0.f);
    for (int ow = 0; ow < g.outW; ++ow) {
      const float* __restrict ri = r + static_cast<size_t>(ow) * c;
      for (int iw = ww.lo[ow]; iw < ww.hi[ow]; ++iw) {
        float* __restrict o = row + static_cast<size_t>(iw) * c;
        for (size_t j = 0; j < c; ++j) o[j] += ri[j];
      }
    }
  });
}

// Geometry travels as one Int32Array: [n, h, w, c, kh, kw, strideH, strideW, padTop, padLeft, outH, outW].
PoolGeometry geometryArg(const Napi::CallbackInfo& info, const char* fn) {
  auto gv = typedArrayArg<int32_t>(info, 0, fn, "geometry");
  Napi::Env env = info.Env();
  require(gv.length == 12, env, "avgPool: geometry must have 12 entries");
  const int32_t* v = gv.data;
  PoolGeometry g{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]};
  require(g.n > 0 && g.h > 0 && g.w > 0 && g.c > 0 && g.kh > 0 && g.kw > 0 && g.outH > 0 && g.outW > 0, env,
          "avgPool: non-positive dimension in geometry");
  require(g.strideH > 0 && g.strideW > 0 && g.padTop >= 0 && g.padLeft >= 0, env,
          "avgPool: strides must be positive and pads non-negative");
  return g;
}

size_t inSize(const PoolGeometry& g) { return static_cast<size_t>(g.n) * g.h * g.w * g.c; }
size_t outSize(const PoolGeometry& g) { return static_cast<size_t>(g.n) * g.outH * g.outW * g.c; }

// avgPoolForward(geometry, x, y) and avgPoolBackward(geometry, dy, dx): `from` has the size of the pool's
// input (forward) or output (backward), `to` the other one.
template <bool Forward>
Napi::Value AvgPool(const Napi::CallbackInfo& info) {
  const char* fn = Forward ? "avgPoolForward" : "avgPoolBackward";
  PoolGeometry g = geometryArg(info, fn);
  auto from = typedArrayArg<float>(info, 1, fn, Forward ? "x" : "dy");
  auto to = typedArrayArg<float>(info, 2, fn, Forward ? "y" : "dx");
  const size_t fromSize = Forward ? inSize(g) : outSize(g);
  const size_t toSize = Forward ? outSize(g) : inSize(g);
  require(from.length >= fromSize && to.length >= toSize, info.Env(),
          Forward ? "avgPoolForward: an array is shorter than the geometry says"
                  : "avgPoolBackward: an array is shorter than the geometry says");
  if (Forward) {
    avgPoolForward(g, from.data, to.data);
  } else {
    avgPoolBackward(g, from.data, to.data);
  }
  return info.Env().Undefined();
}

}  // namespace

CGNAS_REGISTER(avgPoolForward, AvgPool<true>);
CGNAS_REGISTER(avgPoolBackward, AvgPool<false>);

}  // namespace cgnas
