// Chain-parallel single-spin sweeps for Ising models (Gibbs heat-bath / Metropolis, classical or on
// P Trotter slices), the engine behind cgnas's Gibbs, SA, SQA and tempering samplers. The sweep is
// templated on the proposal as in dwave-samplers cpu_sa.cpp; unlike it, each task updates 16 chains
// at once in vector lanes (layout [slice][spin][lane]), with a per-lane xoshiro128+ stream and a
// polynomial 2^x (AVX-512 roundscale/scalef where available), so a spin update costs about 30
// vector instructions per 16 chains.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#ifdef __AVX512F__
#include <immintrin.h>
#endif
#include <time.h>

#include "args.h"
#include "registry.h"
#include "thread_pool.h"

namespace cgnas {

namespace {

constexpr int kLanes = 16;
typedef float vf __attribute__((vector_size(kLanes * 4)));
typedef int32_t vi __attribute__((vector_size(kLanes * 4)));
typedef uint32_t vu __attribute__((vector_size(kLanes * 4)));

inline vf splat(float x) { return vf{} + x; }

uint64_t splitmix64(uint64_t& s) {
  uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro128+ in 16 lanes; lane l of block b is chain 16·b + l, seeded from (seed, chain).
struct LaneRng {
  vu a, b, c, d;
  void seed(uint64_t seed, size_t firstChain) {
    for (int l = 0; l < kLanes; ++l) {
      uint64_t s = seed * 0xd1b54a32d192ed03ULL ^ (static_cast<uint64_t>(firstChain + l) + 1) * 0x9e3779b97f4a7c15ULL;
      const uint64_t x = splitmix64(s), y = splitmix64(s);
      a[l] = static_cast<uint32_t>(x);
      b[l] = static_cast<uint32_t>(x >> 32);
      c[l] = static_cast<uint32_t>(y);
      d[l] = static_cast<uint32_t>(y >> 32) | 1u;
    }
  }
    // 24 random bits as a float in [0, 2^24) (exact); callers fold the 2^−24 scale into their comparison.
  inline vf uniform24() {
    const vu result = a + d;
    const vu t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
#ifdef __AVX512F__
    d = reinterpret_cast<vu>(_mm512_mask_rol_epi32(reinterpret_cast<__m512i>(d), static_cast<__mmask16>(0xffff), reinterpret_cast<__m512i>(d), 11));
#else
    d = (d << 11) | (d >> 21);
#endif
    return __builtin_convertvector(result >> 8, vf);
  }
};

// 2^t for t in about [−126, 127] (0 / inf beyond), relative error < 3e-7: t = k + f with
// k = round(t), and a degree-5 near-minimax polynomial for 2^f on [−½, ½] (coefficients fitted to the
// relative error on Chebyshev nodes, 1.4e-7 in float). The sweep works in base 2 (β·log2 e is folded
// into the per-sweep scale), which saves the Cody-Waite reduction of e^x. Tested against 2^t in the
// kernel self-test.
inline vf fastExp2(vf t) {
#ifdef __AVX512F__
  const __m512 tm = reinterpret_cast<__m512>(t);
  const __m512 k = _mm512_mask_roundscale_ps(tm, static_cast<__mmask16>(0xffff), tm, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  const vf f = reinterpret_cast<vf>(_mm512_sub_ps(tm, k));
#else
  // Clamped so that k = 128 gives inf and k = −127 gives 0 below, as scalef saturates.
  t = t < splat(128.f) ? t : splat(128.f);
  t = t > splat(-127.f) ? t : splat(-127.f);
  const vf magic = splat(12582912.f);  // 1.5·2^23: adding it rounds to the nearest integer
  const vf r = t + magic;
  const vf k = r - magic;
  const vf f = t - k;
#endif
  vf p = splat(1.32669765e-3f);
  p = p * f + splat(9.67545714e-3f);
  p = p * f + splat(5.55074290e-2f);
  p = p * f + splat(2.40221217e-1f);
  p = p * f + splat(6.93146944e-1f);
  p = p * f + splat(1.00000012f);
#ifdef __AVX512F__
  // scalef computes p·2^k in one instruction and saturates to 0 / inf for huge |k|.
  return reinterpret_cast<vf>(_mm512_mask_scalef_ps(reinterpret_cast<__m512>(p), static_cast<__mmask16>(0xffff), reinterpret_cast<__m512>(p), k));
#else
  vi ki;
  std::memcpy(&ki, &r, sizeof(ki));
  vi magicBits;
  std::memcpy(&magicBits, &magic, sizeof(magicBits));
  const vi scaleBits = (ki - magicBits + 127) << 23;
  vf scale;
  std::memcpy(&scale, &scaleBits, sizeof(scale));
  return p * scale;
#endif
}

struct Problem {
  int n;
  int slices;
  size_t chains;
  const int32_t* offsets;
  const int32_t* indices;
  const float* weights;
  const float* h;
  const int32_t* order;
  const double* a;
  const double* b;
  const float* chainScale;
  size_t sweeps;
  uint64_t seed;
  const int32_t* cancel;
};

// Runs every sweep on one block of kWidth·16 chains; returns the sweeps done. The kWidth vectors of
// a spin are independent, which gives the out-of-order core kWidth dependency chains to overlap
// (one chain alone is latency-bound on the neighbour sum and the exp).
constexpr int kWidth = 4;
constexpr double kLog2e = 1.4426950408889634;
constexpr int kBlock = kWidth * kLanes;

template <bool Metropolis, bool Quantum>
size_t runBlock(const Problem& p, vf* s, size_t firstChain) {
  LaneRng rng[kWidth];
  vf sigma[kWidth];
  for (int w = 0; w < kWidth; ++w) {
    rng[w].seed(p.seed, firstChain + w * kLanes);
    sigma[w] = splat(1.f);
    if (p.chainScale) {
      for (int l = 0; l < kLanes; ++l) {
        const size_t c = firstChain + w * kLanes + l;
        sigma[w][l] = c < p.chains ? p.chainScale[c] : 1.f;
      }
    }
  }
  const vf one = splat(1.f), minusOne = splat(-1.f);
  const int n = p.n;
  for (size_t t = 0; t < p.sweeps; ++t) {
    if (p.cancel && __atomic_load_n(p.cancel, __ATOMIC_RELAXED) != 0) return t;
    // z = log2 w(−1) − log2 w(+1) = 2·log2(e)·(a·σ·f − b·τ): base 2 so that fastExp2 needs no reduction.
    const double a2 = 2.0 * kLog2e * p.a[t];
    vf A2[kWidth];
    for (int w = 0; w < kWidth; ++w) A2[w] = sigma[w] * static_cast<float>(a2);
    const vf B2 = splat(Quantum ? static_cast<float>(2.0 * kLog2e * p.b[t]) : 0.f);
    for (int k = 0; k < p.slices; ++k) {
      vf* __restrict sk = s + static_cast<size_t>(k) * n * kWidth;
      const vf* up = s + static_cast<size_t>((k + 1) % p.slices) * n * kWidth;
      const vf* dn = s + static_cast<size_t>((k + p.slices - 1) % p.slices) * n * kWidth;
      for (int x = 0; x < n; ++x) {
        const int i = p.order ? p.order[x] : x;
        vf f[kWidth];
        for (int w = 0; w < kWidth; ++w) f[w] = splat(p.h[i]);
        const int e1 = p.offsets[i + 1];
        for (int e = p.offsets[i]; e < e1; ++e) {
          const vf J = splat(p.weights[e]);
          const vf* nb = sk + static_cast<size_t>(p.indices[e]) * kWidth;
          for (int w = 0; w < kWidth; ++w) f[w] += J * nb[w];
        }
        vf* si = sk + static_cast<size_t>(i) * kWidth;
        for (int w = 0; w < kWidth; ++w) {
          vf z = A2[w] * f[w];
          if (Quantum) z -= B2 * (up[static_cast<size_t>(i) * kWidth + w] + dn[static_cast<size_t>(i) * kWidth + w]);
          // U = 2^24·u with u uniform in [0, 1); the 2^24 goes into the comparisons.
          const vf U = rng[w].uniform24();
          if (Metropolis) {
            // Accept the flip with probability min(1, 2^(s·z)): u < 2^(s·z) ⇔ U < 2^(s·z + 24).
            const vf cur = si[w];
            si[w] = U < fastExp2(cur * z + splat(24.f)) ? -cur : cur;
          } else {
            // P(+1) = 1 / (1 + 2^z): u·(1 + 2^z) < 1 ⇔ U·2^z + U < 2^24.
            si[w] = U * fastExp2(z) + U < splat(16777216.f) ? one : minusOne;
          }
        }
      }
    }
  }
  return p.sweeps;
}

using BlockFn = size_t (*)(const Problem&, vf*, size_t);

// CPU time of the calling thread, so that the reported cost per update does not count the time the
// thread spent descheduled on a busy machine.
double threadCpuNs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

struct SweepOutcome {
  double ns = 0;
  double cpuNs = 0;  // summed over the threads that ran blocks
  size_t sweepsDone = 0;
};

SweepOutcome runSweeps(const Problem& p, int8_t* state, bool metropolis) {
  const BlockFn fn = metropolis ? (p.slices > 1 ? runBlock<true, true> : runBlock<true, false>)
                                : (p.slices > 1 ? runBlock<false, true> : runBlock<false, false>);
  const size_t blocks = (p.chains + kBlock - 1) / kBlock;
  const size_t spins = static_cast<size_t>(p.slices) * p.n;
  std::vector<size_t> done(blocks, 0);
  std::vector<double> cpu(blocks, 0.0);
  const auto start = std::chrono::steady_clock::now();
  ThreadPool::instance().parallelFor(blocks, [&](size_t block, int) {
    const double cpu0 = threadCpuNs();
    // Layout inside a block: [slice][spin][vector w][lane]; lanes past the last chain are padding.
    std::unique_ptr<vf[]> buf(new vf[spins * kWidth]);
    const size_t c0 = block * kBlock;
    const int width = static_cast<int>(std::min<size_t>(kBlock, p.chains - c0));
    for (size_t q = 0; q < spins; ++q) {
      const int8_t* src = state + q * p.chains + c0;
      for (int w = 0; w < kWidth; ++w) {
        vf v = splat(1.f);
        for (int l = 0; l < kLanes && w * kLanes + l < width; ++l) v[l] = src[w * kLanes + l];
        buf[q * kWidth + w] = v;
      }
    }
    done[block] = fn(p, buf.get(), c0);
    for (size_t q = 0; q < spins; ++q) {
      int8_t* dst = state + q * p.chains + c0;
      for (int l = 0; l < width; ++l) dst[l] = buf[q * kWidth + l / kLanes][l % kLanes] > 0 ? 1 : -1;
    }
    cpu[block] = threadCpuNs() - cpu0;
  });
  const auto end = std::chrono::steady_clock::now();
  SweepOutcome out;
  out.ns = std::chrono::duration<double, std::nano>(end - start).count();
  for (const double c : cpu) out.cpuNs += c;
  out.sweepsDone = blocks ? *std::min_element(done.begin(), done.end()) : p.sweeps;
  return out;
}

// Copies everything in on the JS thread, sweeps on a worker thread, copies the spins back in OnOK.
class SweepWorker : public Napi::AsyncWorker {
 public:
  SweepWorker(Napi::Env env, Napi::Int8Array stateArr, Napi::Object cancelArr)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)) {
    stateRef_ = Napi::Persistent(static_cast<Napi::Object>(stateArr));
    if (!cancelArr.IsEmpty()) cancelRef_ = Napi::Persistent(cancelArr);
  }
  std::vector<int32_t> offsets, indices, order;
  std::vector<float> weights, h, chainScale;
  std::vector<double> a, b;
  std::vector<int8_t> state;
  Problem problem{};
  bool metropolis = false;
  const int32_t* cancel = nullptr;

  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    try {
      problem.offsets = offsets.data();
      problem.indices = indices.data();
      problem.weights = weights.data();
      problem.h = h.data();
      problem.order = order.empty() ? nullptr : order.data();
      problem.a = a.data();
      problem.b = b.data();
      problem.chainScale = chainScale.empty() ? nullptr : chainScale.data();
      problem.cancel = cancel;
      outcome_ = runSweeps(problem, state.data(), metropolis);
    } catch (const std::exception& e) {
      SetError(std::string("native.isingSweep: ") + e.what());
    }
  }
  void OnOK() override {
    Napi::Env env = Env();
    Napi::Int8Array arr = stateRef_.Value().As<Napi::Int8Array>();
    if (arr.ElementLength() == state.size()) std::memcpy(arr.Data(), state.data(), state.size());
    Napi::Object result = Napi::Object::New(env);
    result.Set("ns", outcome_.ns);
    result.Set("cpuNs", outcome_.cpuNs);
    result.Set("sweepsDone", static_cast<double>(outcome_.sweepsDone));
    deferred_.Resolve(result);
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  Napi::ObjectReference stateRef_;
  Napi::ObjectReference cancelRef_;  // keeps the shared cancel flag alive while Execute reads it
  SweepOutcome outcome_;
};

template <typename T>
std::vector<T> copyOf(const ArrayView<T>& v) {
  return std::vector<T>(v.data, v.data + v.length);
}

// isingSweep(n, offsets, indices, weights, h, chains, slices, state, a, b, chainScale|null, order|null,
//            metropolis, seed, cancel: Int32Array|null) → Promise<{ns, cpuNs, sweepsDone}>
Napi::Value IsingSweep(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "isingSweep";
  const int64_t n = intArg(info, 0, fn, "n");
  auto offsets = typedArrayArg<int32_t>(info, 1, fn, "offsets");
  auto indices = typedArrayArg<int32_t>(info, 2, fn, "indices");
  auto weights = typedArrayArg<float>(info, 3, fn, "weights");
  auto h = typedArrayArg<float>(info, 4, fn, "h");
  const int64_t chains = intArg(info, 5, fn, "chains");
  const int64_t slices = intArg(info, 6, fn, "slices");
  auto state = typedArrayArg<int8_t>(info, 7, fn, "state");
  auto a = typedArrayArg<double>(info, 8, fn, "a");
  auto b = typedArrayArg<double>(info, 9, fn, "b");
  const bool scaled = !info[10].IsNull() && !info[10].IsUndefined();
  const bool ordered = !info[11].IsNull() && !info[11].IsUndefined();
  const bool metropolis = boolArg(info, 12);
  const double seed = numberArg(info, 13, fn, "seed");
  const bool cancellable = info.Length() > 14 && !info[14].IsNull() && !info[14].IsUndefined();

  require(n > 0 && chains > 0 && slices > 0, env, "isingSweep: n, chains and slices must be positive");
  require(offsets.length == static_cast<size_t>(n + 1) && offsets.data[0] == 0, env, "isingSweep: bad offsets");
  for (int64_t i = 0; i < n; ++i) require(offsets.data[i + 1] >= offsets.data[i], env, "isingSweep: offsets decrease");
  const int64_t nnz = offsets.data[n];
  require(indices.length >= static_cast<size_t>(nnz) && weights.length >= static_cast<size_t>(nnz), env,
          "isingSweep: indices/weights shorter than offsets[n]");
  for (int64_t e = 0; e < nnz; ++e) require(indices.data[e] >= 0 && indices.data[e] < n, env, "isingSweep: index out of range");
  require(h.length == static_cast<size_t>(n), env, "isingSweep: h must have n entries");
  require(state.length == static_cast<size_t>(slices * n * chains), env, "isingSweep: state must have slices*n*chains entries");
  require(b.length == a.length, env, "isingSweep: a and b must have the same length");
  require(seed >= 0, env, "isingSweep: seed must be non-negative");

  Napi::Object cancelObj;
  if (cancellable) cancelObj = info[14].As<Napi::Object>();
  auto* worker = new SweepWorker(env, info[7].As<Napi::Int8Array>(), cancelObj);
  worker->offsets = copyOf(offsets);
  worker->indices = copyOf(indices);
  worker->weights = copyOf(weights);
  worker->h = copyOf(h);
  worker->a = copyOf(a);
  worker->b = copyOf(b);
  worker->state = copyOf(state);
  if (scaled) {
    auto cs = typedArrayArg<float>(info, 10, fn, "chainScale");
    require(cs.length == static_cast<size_t>(chains), env, "isingSweep: chainScale must have chains entries");
    worker->chainScale = copyOf(cs);
  }
  if (ordered) {
    auto ord = typedArrayArg<int32_t>(info, 11, fn, "order");
    require(ord.length == static_cast<size_t>(n), env, "isingSweep: order must have n entries");
    for (size_t x = 0; x < ord.length; ++x) require(ord.data[x] >= 0 && ord.data[x] < n, env, "isingSweep: order out of range");
    worker->order = copyOf(ord);
  }
  if (cancellable) {
    auto flag = typedArrayArg<int32_t>(info, 14, fn, "cancel");
    require(flag.length >= 1, env, "isingSweep: cancel must have one entry");
    worker->cancel = flag.data;
  }
  worker->metropolis = metropolis;
  Problem& p = worker->problem;
  p.n = static_cast<int>(n);
  p.slices = static_cast<int>(slices);
  p.chains = static_cast<size_t>(chains);
  p.sweeps = a.length;
  p.seed = static_cast<uint64_t>(seed);
  Napi::Promise promise = worker->promise();
  worker->Queue();
  return promise;
}

// isingExpSelfTest(x: Float32Array, out: Float32Array): out = 2^x by the sweep's fastExp2, so tests can bound its error.
Napi::Value IsingExpSelfTest(const Napi::CallbackInfo& info) {
  auto x = typedArrayArg<float>(info, 0, "isingExpSelfTest", "x");
  auto out = typedArrayArg<float>(info, 1, "isingExpSelfTest", "out");
  require(out.length >= x.length, info.Env(), "isingExpSelfTest: out is too short");
  for (size_t i = 0; i < x.length; i += kLanes) {
    vf v = splat(0.f);
    const size_t w = std::min<size_t>(kLanes, x.length - i);
    for (size_t l = 0; l < w; ++l) v[l] = x.data[i + l];
    const vf r = fastExp2(v);
    for (size_t l = 0; l < w; ++l) out.data[i + l] = r[l];
  }
  return info.Env().Undefined();
}

}  // namespace

CGNAS_REGISTER(isingSweep, IsingSweep);
CGNAS_REGISTER(isingExpSelfTest, IsingExpSelfTest);

}  // namespace cgnas
