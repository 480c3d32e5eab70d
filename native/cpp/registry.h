// Kernel registry: every translation unit registers its N-API functions here at static-init time,
// so adding a kernel file never means editing a central list (tfjs's register_all_kernels, inverted).
#pragma once
#include <napi.h>
#include <string>
#include <vector>

namespace cgnas {

using NapiFn = Napi::Value (*)(const Napi::CallbackInfo&);

struct RegisteredFn {
  const char* name;
  NapiFn fn;
};

inline std::vector<RegisteredFn>& registry() {
  static std::vector<RegisteredFn> fns;
  return fns;
}

struct Registrar {
  Registrar(const char* name, NapiFn fn) { registry().push_back({name, fn}); }
};

#define CGNAS_CONCAT_INNER(a, b) a##b
#define CGNAS_CONCAT(a, b) CGNAS_CONCAT_INNER(a, b)
// CGNAS_REGISTER(gemm, Gemm) exports `gemm` bound to the C++ function Gemm.
#define CGNAS_REGISTER(jsName, fn) static ::cgnas::Registrar CGNAS_CONCAT(cgnas_reg_, __LINE__)(#jsName, fn)

}  // namespace cgnas
