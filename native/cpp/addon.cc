// Entry point of the cgnas engine: exports every registered kernel plus `info()`.
#include <napi.h>

#include "registry.h"
#include "thread_pool.h"

namespace cgnas {
namespace {

const char* simdLevel() {
#if defined(__AVX512F__)
  return "avx512";
#elif defined(__AVX2__) && defined(__FMA__)
  return "avx2+fma";
#elif defined(__AVX__)
  return "avx";
#elif defined(__SSE4_2__)
  return "sse4.2";
#elif defined(__SSE2__)
  return "sse2";
#elif defined(__ARM_NEON)
  return "neon";
#else
  return "scalar";
#endif
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  out.Set("simd", simdLevel());
  out.Set("threads", ThreadPool::instance().threads());
  out.Set("hardwareThreads", static_cast<double>(std::thread::hardware_concurrency()));
  out.Set("compiler", __VERSION__);
  out.Set("abi", 1);
  Napi::Array kernels = Napi::Array::New(env);
  uint32_t i = 0;
  for (const auto& r : registry()) kernels.Set(i++, r.name);
  out.Set("kernels", kernels);
  return out;
}

}  // namespace
}  // namespace cgnas

static Napi::Object InitCgnas(Napi::Env env, Napi::Object exports) {
  for (const auto& r : cgnas::registry()) exports.Set(r.name, Napi::Function::New(env, r.fn, r.name));
  exports.Set("info", Napi::Function::New(env, cgnas::Info, "info"));
  return exports;
}

NODE_API_MODULE(cgnas_native, InitCgnas)
