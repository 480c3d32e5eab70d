// NHWC 2-D convolution and its two gradients for tfjs's cpu backend (registered from
// native/src/tf/register-native-kernels.ts). Dense convs are im2col + cgnas::sgemm (Caffe/TF-style
// lowering); depthwise convs are direct loops. Filters use TensorFlow's layouts: [KH, KW, C, Cout] and
// [KH, KW, C, M] for depthwise.
#include "conv.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "args.h"
#include "gemm.h"
#include "registry.h"
#include "thread_pool.h"

namespace cgnas {

namespace {

bool isPointwise(const ConvGeometry& g) {
  return g.kh == 1 && g.kw == 1 && g.strideH == 1 && g.strideW == 1 && g.padTop == 0 && g.padLeft == 0 &&
         g.outH == g.h && g.outW == g.w;
}

// Copies are memory-bound: below ~4M floats waking the pool's workers costs more than it saves.
int copyThreads(size_t floats) { return floats < (size_t{1} << 22) ? 1 : 64; }

// col[(n, oh, ow), (kh, kw, c)] = x[n, oh*sH - padT + kh*dH, ow*sW - padL + kw*dW, c], zero outside.
void im2col(const ConvGeometry& g, const float* x, float* col) {
  const size_t K = static_cast<size_t>(g.kh) * g.kw * g.c;
  const size_t rows = static_cast<size_t>(g.n) * g.outH;
  ThreadPool::instance().parallelFor(rows, copyThreads(rows * g.outW * K), [&](size_t task, int) {
    const int n = static_cast<int>(task / g.outH);
    const int oh = static_cast<int>(task % g.outH);
    float* row = col + (task * g.outW) * K;
    for (int ow = 0; ow < g.outW; ++ow, row += K) {
      float* dst = row;
      for (int kh = 0; kh < g.kh; ++kh) {
        const int ih = oh * g.strideH - g.padTop + kh * g.dilH;
        for (int kw = 0; kw < g.kw; ++kw, dst += g.c) {
          const int iw = ow * g.strideW - g.padLeft + kw * g.dilW;
          if (ih < 0 || ih >= g.h || iw < 0 || iw >= g.w) {
            std::memset(dst, 0, sizeof(float) * g.c);
          } else {
            std::memcpy(dst, x + ((static_cast<size_t>(n) * g.h + ih) * g.w + iw) * g.c, sizeof(float) * g.c);
          }
        }
      }
    }
  });
}

// Input-gradient gather shared by col2im and the depthwise backprop: task (n, ih) fills row ih of
// dx[n] by visiting, for each input column iw and tap (kh, kw), the output position (oh, ow) that read
// it (ih = oh*sH - padT + kh*dH, likewise for w) and calling add(o, n, oh, ow, kh, kw) with o =
// dx[n, ih, iw, :]. A gather rather than a scatter, so tasks never write the same element.
template <typename Add>
void gatherInputGradient(const ConvGeometry& g, float* dx, int threads, Add add) {
  const size_t rows = static_cast<size_t>(g.n) * g.h;
  ThreadPool::instance().parallelFor(rows, threads, [&](size_t task, int) {
    const int n = static_cast<int>(task / g.h);
    const int ih = static_cast<int>(task % g.h);
    float* out = dx + task * g.w * g.c;
    std::fill(out, out + static_cast<size_t>(g.w) * g.c, 0.f);
    for (int kh = 0; kh < g.kh; ++kh) {
      const int t = ih + g.padTop - kh * g.dilH;
      if (t < 0 || t % g.strideH != 0) continue;
      const int oh = t / g.strideH;
      if (oh >= g.outH) continue;
      for (int iw = 0; iw < g.w; ++iw) {
        float* __restrict o = out + static_cast<size_t>(iw) * g.c;
        for (int kw = 0; kw < g.kw; ++kw) {
          const int u = iw + g.padLeft - kw * g.dilW;
          if (u < 0 || u % g.strideW != 0) continue;
          const int ow = u / g.strideW;
          if (ow >= g.outW) continue;
          add(o, n, oh, ow, kh, kw);
        }
      }
    }
  });
}

// dx[n, ih, iw, c] = sum over (kh, kw) of dcol[(n, oh, ow), (kh, kw, c)].
void col2im(const ConvGeometry& g, const float* dcol, float* dx) {
  const size_t K = static_cast<size_t>(g.kh) * g.kw * g.c;
  const size_t rows = static_cast<size_t>(g.n) * g.h;
  gatherInputGradient(g, dx, copyThreads(rows * g.w * K), [&](float* __restrict o, int n, int oh, int ow, int kh, int kw) {
    const float* __restrict src =
        dcol + ((static_cast<size_t>(n) * g.outH + oh) * g.outW + ow) * K + (static_cast<size_t>(kh) * g.kw + kw) * g.c;
    for (int c = 0; c < g.c; ++c) o[c] += src[c];
  });
}

struct Scratch {
  std::vector<float> buf;
  float* get(size_t n) {
    if (buf.size() < n) buf.resize(n);
    return buf.data();
  }
};

thread_local Scratch scratch;

}  // namespace

void conv2dForward(const ConvGeometry& g, const float* x, const float* filter, float* y) {
  const size_t rows = static_cast<size_t>(g.n) * g.outH * g.outW;
  const size_t K = static_cast<size_t>(g.kh) * g.kw * g.c;
  const float* col = x;
  if (!isPointwise(g)) {
    float* buf = scratch.get(rows * K);
    im2col(g, x, buf);
    col = buf;
  }
  sgemm(false, false, rows, g.outC, K, 1.f, col, K, filter, g.outC, 0.f, y, g.outC);
}

void conv2dBackpropInput(const ConvGeometry& g, const float* dy, const float* filter, float* dx) {
  const size_t rows = static_cast<size_t>(g.n) * g.outH * g.outW;
  const size_t K = static_cast<size_t>(g.kh) * g.kw * g.c;
  if (isPointwise(g)) {
    sgemm(false, true, rows, K, g.outC, 1.f, dy, g.outC, filter, g.outC, 0.f, dx, K);
    return;
  }
  float* dcol = scratch.get(rows * K);
  sgemm(false, true, rows, K, g.outC, 1.f, dy, g.outC, filter, g.outC, 0.f, dcol, K);
  col2im(g, dcol, dx);
}

void conv2dBackpropFilter(const ConvGeometry& g, const float* x, const float* dy, float* dfilter) {
  const size_t rows = static_cast<size_t>(g.n) * g.outH * g.outW;
  const size_t K = static_cast<size_t>(g.kh) * g.kw * g.c;
  const float* col = x;
  if (!isPointwise(g)) {
    float* buf = scratch.get(rows * K);
    im2col(g, x, buf);
    col = buf;
  }
  sgemm(true, false, K, g.outC, rows, 1.f, col, K, dy, g.outC, 0.f, dfilter, g.outC);
}

// Depthwise: outC = c * mult; y[n, oh, ow, c*mult + m] = sum x[n, ih, iw, c] * f[kh, kw, c, m].
void depthwiseForward(const ConvGeometry& g, const float* x, const float* filter, float* y) {
  const int mult = g.outC / g.c;
  ThreadPool::instance().parallelFor(static_cast<size_t>(g.n) * g.outH, [&](size_t task, int) {
    const int n = static_cast<int>(task / g.outH);
    const int oh = static_cast<int>(task % g.outH);
    float* out = y + task * g.outW * g.outC;
    std::fill(out, out + static_cast<size_t>(g.outW) * g.outC, 0.f);
    for (int ow = 0; ow < g.outW; ++ow) {
      float* __restrict o = out + static_cast<size_t>(ow) * g.outC;
      for (int kh = 0; kh < g.kh; ++kh) {
        const int ih = oh * g.strideH - g.padTop + kh * g.dilH;
        if (ih < 0 || ih >= g.h) continue;
        for (int kw = 0; kw < g.kw; ++kw) {
          const int iw = ow * g.strideW - g.padLeft + kw * g.dilW;
          if (iw < 0 || iw >= g.w) continue;
          const float* __restrict xi = x + ((static_cast<size_t>(n) * g.h + ih) * g.w + iw) * g.c;
          const float* __restrict f = filter + (static_cast<size_t>(kh) * g.kw + kw) * g.outC;
          for (int c = 0; c < g.c; ++c)
            for (int m = 0; m < mult; ++m) o[c * mult + m] += xi[c] * f[c * mult + m];
        }
      }
    }
  });
}

void depthwiseBackpropInput(const ConvGeometry& g, const float* dy, const float* filter, float* dx) {
  const int mult = g.outC / g.c;
  gatherInputGradient(g, dx, ThreadPool::instance().threads(), [&](float* __restrict o, int n, int oh, int ow, int kh, int kw) {
    const float* __restrict d = dy + ((static_cast<size_t>(n) * g.outH + oh) * g.outW + ow) * g.outC;
    const float* __restrict f = filter + (static_cast<size_t>(kh) * g.kw + kw) * g.outC;
    for (int c = 0; c < g.c; ++c) {
      float s = 0.f;
      for (int m = 0; m < mult; ++m) s += d[c * mult + m] * f[c * mult + m];
      o[c] += s;
    }
  });
}

void depthwiseBackpropFilter(const ConvGeometry& g, const float* x, const float* dy, float* dfilter) {
  const int mult = g.outC / g.c;
  const size_t taps = static_cast<size_t>(g.kh) * g.kw;
  // One task per filter tap: each owns its slice of dfilter, so no reduction across threads is needed.
  ThreadPool::instance().parallelFor(taps, [&](size_t tap, int) {
    const int kh = static_cast<int>(tap / g.kw);
    const int kw = static_cast<int>(tap % g.kw);
    float* __restrict f = dfilter + tap * g.outC;
    std::fill(f, f + g.outC, 0.f);
    for (int n = 0; n < g.n; ++n) {
      for (int oh = 0; oh < g.outH; ++oh) {
        const int ih = oh * g.strideH - g.padTop + kh * g.dilH;
        if (ih < 0 || ih >= g.h) continue;
        for (int ow = 0; ow < g.outW; ++ow) {
          const int iw = ow * g.strideW - g.padLeft + kw * g.dilW;
          if (iw < 0 || iw >= g.w) continue;
          const float* __restrict xi = x + ((static_cast<size_t>(n) * g.h + ih) * g.w + iw) * g.c;
          const float* __restrict d = dy + ((static_cast<size_t>(n) * g.outH + oh) * g.outW + ow) * g.outC;
          for (int c = 0; c < g.c; ++c)
            for (int m = 0; m < mult; ++m) f[c * mult + m] += xi[c] * d[c * mult + m];
        }
      }
    }
  });
}

void unsortedSegmentSum(const float* x, const int32_t* segmentIds, size_t rows, size_t inner, size_t numSegments,
                        float* out) {
  std::fill(out, out + numSegments * inner, 0.f);
  for (size_t r = 0; r < rows; ++r) {
    const int32_t s = segmentIds[r];
    if (s < 0 || static_cast<size_t>(s) >= numSegments) continue;  // TF drops out-of-range ids
    float* __restrict o = out + static_cast<size_t>(s) * inner;
    const float* __restrict xi = x + r * inner;
    for (size_t j = 0; j < inner; ++j) o[j] += xi[j];
  }
}

namespace {

// Geometry travels as one Int32Array: [n, h, w, c, kh, kw, outC, strideH, strideW, dilH, dilW, padTop,
// padLeft, outH, outW].
ConvGeometry geometryArg(const Napi::CallbackInfo& info, size_t index, const char* fn) {
  auto gv = typedArrayArg<int32_t>(info, index, fn, "geometry");
  Napi::Env env = info.Env();
  require(gv.length == 15, env, "conv: geometry must have 15 entries");
  const int32_t* v = gv.data;
  ConvGeometry g{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14]};
  require(g.n >= 0 && g.h > 0 && g.w > 0 && g.c > 0 && g.kh > 0 && g.kw > 0 && g.outC > 0, env,
          "conv: non-positive dimension in geometry");
  require(g.strideH > 0 && g.strideW > 0 && g.dilH > 0 && g.dilW > 0, env, "conv: strides and dilations must be positive");
  require(g.outH > 0 && g.outW > 0, env, "conv: non-positive output size");
  return g;
}

size_t xSize(const ConvGeometry& g) { return static_cast<size_t>(g.n) * g.h * g.w * g.c; }
size_t ySize(const ConvGeometry& g) { return static_cast<size_t>(g.n) * g.outH * g.outW * g.outC; }

template <void (*Kernel)(const ConvGeometry&, const float*, const float*, float*)>
Napi::Value ConvEntry(const Napi::CallbackInfo& info, const char* fn, int kind, bool depthwise) {
  // kind 0: (x, filter) -> y; 1: (dy, filter) -> dx; 2: (x, dy) -> dfilter.
  Napi::Env env = info.Env();
  ConvGeometry g = geometryArg(info, 0, fn);
  auto a = typedArrayArg<float>(info, 1, fn, "a");
  auto b = typedArrayArg<float>(info, 2, fn, "b");
  auto out = typedArrayArg<float>(info, 3, fn, "out");
  if (depthwise) require(g.outC % g.c == 0, env, "depthwise: outC must be a multiple of c");
  const size_t fSize = static_cast<size_t>(g.kh) * g.kw * (depthwise ? g.outC : static_cast<size_t>(g.c) * g.outC);
  const size_t sizes[3][3] = {{xSize(g), fSize, ySize(g)}, {ySize(g), fSize, xSize(g)}, {xSize(g), ySize(g), fSize}};
  require(a.length >= sizes[kind][0] && b.length >= sizes[kind][1] && out.length >= sizes[kind][2], env,
          "conv: an array is shorter than the geometry says");
  Kernel(g, a.data, b.data, out.data);
  return env.Undefined();
}

Napi::Value Conv2d(const Napi::CallbackInfo& i) { return ConvEntry<conv2dForward>(i, "conv2d", 0, false); }
Napi::Value Conv2dBackpropInput(const Napi::CallbackInfo& i) {
  return ConvEntry<conv2dBackpropInput>(i, "conv2dBackpropInput", 1, false);
}
Napi::Value Conv2dBackpropFilter(const Napi::CallbackInfo& i) {
  return ConvEntry<conv2dBackpropFilter>(i, "conv2dBackpropFilter", 2, false);
}
Napi::Value Depthwise(const Napi::CallbackInfo& i) { return ConvEntry<depthwiseForward>(i, "depthwiseConv2d", 0, true); }
Napi::Value DepthwiseBackpropInput(const Napi::CallbackInfo& i) {
  return ConvEntry<depthwiseBackpropInput>(i, "depthwiseConv2dBackpropInput", 1, true);
}
Napi::Value DepthwiseBackpropFilter(const Napi::CallbackInfo& i) {
  return ConvEntry<depthwiseBackpropFilter>(i, "depthwiseConv2dBackpropFilter", 2, true);
}

// unsortedSegmentSum(x, segmentIds, rows, inner, numSegments, out)
Napi::Value UnsortedSegmentSum(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto x = typedArrayArg<float>(info, 0, "unsortedSegmentSum", "x");
  auto ids = typedArrayArg<int32_t>(info, 1, "unsortedSegmentSum", "segmentIds");
  const int64_t rows = intArg(info, 2, "unsortedSegmentSum", "rows");
  const int64_t inner = intArg(info, 3, "unsortedSegmentSum", "inner");
  const int64_t segments = intArg(info, 4, "unsortedSegmentSum", "numSegments");
  auto out = typedArrayArg<float>(info, 5, "unsortedSegmentSum", "out");
  require(rows >= 0 && inner >= 0 && segments >= 0, env, "unsortedSegmentSum: negative dimension");
  require(static_cast<int64_t>(x.length) >= rows * inner && static_cast<int64_t>(ids.length) >= rows &&
              static_cast<int64_t>(out.length) >= segments * inner,
          env, "unsortedSegmentSum: an array is shorter than the sizes say");
  unsortedSegmentSum(x.data, ids.data, rows, inner, segments, out.data);
  return env.Undefined();
}

}  // namespace

CGNAS_REGISTER(conv2d, Conv2d);
CGNAS_REGISTER(conv2dBackpropInput, Conv2dBackpropInput);
CGNAS_REGISTER(conv2dBackpropFilter, Conv2dBackpropFilter);
CGNAS_REGISTER(depthwiseConv2d, Depthwise);
CGNAS_REGISTER(depthwiseConv2dBackpropInput, DepthwiseBackpropInput);
CGNAS_REGISTER(depthwiseConv2dBackpropFilter, DepthwiseBackpropFilter);
CGNAS_REGISTER(unsortedSegmentSum, UnsortedSegmentSum);

}  // namespace cgnas
