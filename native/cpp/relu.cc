// ReLU forward and backward over float32 arrays, for the zero-cost proxies' networks
// (packages/ensemble/src/zero-cost/relu-op.ts): the gradient is dy·[y > 0], read from the output so the
// input need not be kept. Branch-free loops (the signs of random activations are unpredictable).
#include "args.h"
#include "registry.h"

namespace cgnas {

namespace {

// reluForward(x, y): y = max(x, 0); NaN stays NaN, as in tfjs.
Napi::Value ReluForward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto x = typedArrayArg<float>(info, 0, "reluForward", "x");
  auto y = typedArrayArg<float>(info, 1, "reluForward", "y");
  require(y.length == x.length, env, "reluForward: x and y must have the same length");
  const float* __restrict xs = x.data;
  float* __restrict ys = y.data;
  for (size_t i = 0; i < x.length; ++i) ys[i] = xs[i] < 0.f ? 0.f : xs[i];
  return env.Undefined();
}

// reluBackward(y, dy, dx): dx = dy · [y > 0].
Napi::Value ReluBackward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto y = typedArrayArg<float>(info, 0, "reluBackward", "y");
  auto dy = typedArrayArg<float>(info, 1, "reluBackward", "dy");
  auto dx = typedArrayArg<float>(info, 2, "reluBackward", "dx");
  require(dy.length == y.length && dx.length == y.length, env, "reluBackward: y, dy and dx must have the same length");
  const float* __restrict ys = y.data;
  const float* __restrict g = dy.data;
  float* __restrict o = dx.data;
  // A product rather than a select, as the JS twin does: an infinite dy where y <= 0 gives NaN in both.
  for (size_t i = 0; i < y.length; ++i) o[i] = g[i] * (ys[i] > 0.f ? 1.f : 0.f);
  return env.Undefined();
}

}  // namespace

CGNAS_REGISTER(reluForward, ReluForward);
CGNAS_REGISTER(reluBackward, ReluBackward);

}  // namespace cgnas
