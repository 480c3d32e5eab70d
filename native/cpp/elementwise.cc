// Same-shape and scalar-broadcast float32 add / sub / mul for tfjs's cpu backend (Add, Sub, Multiply):
// the JS kernels go through a generic per-element closure with modulo indexing, and gradient
// accumulation in a network's backward pass is dominated by these ops.
#include <cstdint>

#include "args.h"
#include "registry.h"

namespace cgnas {

namespace {

template <typename Op>
void apply(const float* __restrict a, size_t na, const float* __restrict b, size_t nb, float* __restrict out,
           size_t n, Op op) {
  if (na == n && nb == n) {
    for (size_t i = 0; i < n; ++i) out[i] = op(a[i], b[i]);
  } else if (nb == 1) {
    const float s = b[0];
    for (size_t i = 0; i < n; ++i) out[i] = op(a[i], s);
  } else {
    const float s = a[0];
    for (size_t i = 0; i < n; ++i) out[i] = op(s, b[i]);
  }
}

// elementwise(op, a, b, out): op 0 = add, 1 = sub, 2 = mul; a and b have out's length or length 1.
Napi::Value Elementwise(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int64_t op = intArg(info, 0, "elementwise", "op");
  auto a = typedArrayArg<float>(info, 1, "elementwise", "a");
  auto b = typedArrayArg<float>(info, 2, "elementwise", "b");
  auto out = typedArrayArg<float>(info, 3, "elementwise", "out");
  const size_t n = out.length;
  require((a.length == n || a.length == 1) && (b.length == n || b.length == 1), env,
          "elementwise: a and b must have out's length or length 1");
  switch (op) {
    case 0:
      apply(a.data, a.length, b.data, b.length, out.data, n, [](float x, float y) { return x + y; });
      break;
    case 1:
      apply(a.data, a.length, b.data, b.length, out.data, n, [](float x, float y) { return x - y; });
      break;
    case 2:
      apply(a.data, a.length, b.data, b.length, out.data, n, [](float x, float y) { return x * y; });
      break;
    default:
      require(false, env, "elementwise: op must be 0 (add), 1 (sub) or 2 (mul)");
  }
  return env.Undefined();
}

}  // namespace

CGNAS_REGISTER(elementwise, Elementwise);

}  // namespace cgnas
