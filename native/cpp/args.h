// Argument helpers: validation happens in TypeScript, these only guard against misuse of the raw
// binding and turn it into a JS TypeError instead of undefined behaviour.
#pragma once
#include <napi.h>
#include <cstdint>
#include <string>

namespace cgnas {

template <typename T>
struct TypedArrayTraits;
template <>
struct TypedArrayTraits<float> {
  static constexpr napi_typedarray_type type = napi_float32_array;
  static constexpr const char* name = "Float32Array";
};
template <>
struct TypedArrayTraits<double> {
  static constexpr napi_typedarray_type type = napi_float64_array;
  static constexpr const char* name = "Float64Array";
};
template <>
struct TypedArrayTraits<int32_t> {
  static constexpr napi_typedarray_type type = napi_int32_array;
  static constexpr const char* name = "Int32Array";
};
template <>
struct TypedArrayTraits<int8_t> {
  static constexpr napi_typedarray_type type = napi_int8_array;
  static constexpr const char* name = "Int8Array";
};
template <>
struct TypedArrayTraits<uint32_t> {
  static constexpr napi_typedarray_type type = napi_uint32_array;
  static constexpr const char* name = "Uint32Array";
};

template <typename T>
struct ArrayView {
  T* data;
  size_t length;
};

template <typename T>
ArrayView<T> typedArrayArg(const Napi::CallbackInfo& info, size_t index, const char* fn, const char* param) {
  Napi::Env env = info.Env();
  if (index >= info.Length() || !info[index].IsTypedArray()) {
    throw Napi::TypeError::New(env, std::string("native.") + fn + ": expected " + TypedArrayTraits<T>::name +
                                        " for " + param);
  }
  Napi::TypedArray arr = info[index].As<Napi::TypedArray>();
  if (arr.TypedArrayType() != TypedArrayTraits<T>::type) {
    throw Napi::TypeError::New(env, std::string("native.") + fn + ": expected " + TypedArrayTraits<T>::name +
                                        " for " + param);
  }
  Napi::TypedArrayOf<T> typed = info[index].As<Napi::TypedArrayOf<T>>();
  return {typed.Data(), typed.ElementLength()};
}

inline int64_t intArg(const Napi::CallbackInfo& info, size_t index, const char* fn, const char* param) {
  if (index >= info.Length() || !info[index].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), std::string("native.") + fn + ": expected an integer for " + param);
  }
  return info[index].As<Napi::Number>().Int64Value();
}

inline double numberArg(const Napi::CallbackInfo& info, size_t index, const char* fn, const char* param) {
  if (index >= info.Length() || !info[index].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), std::string("native.") + fn + ": expected a number for " + param);
  }
  return info[index].As<Napi::Number>().DoubleValue();
}

inline bool boolArg(const Napi::CallbackInfo& info, size_t index) {
  return index < info.Length() && info[index].ToBoolean().Value();
}

// Takes const char* so the hot validation loops build no strings unless the check fails.
inline void require(bool ok, const Napi::Env& env, const char* message) {
  if (!ok) throw Napi::RangeError::New(env, std::string("native.") + message);
}

}  // namespace cgnas
