// Fused k-GNN GraphConv kernels (Morris et al. AAAI 2019; GENNAPE, Mills et al. 2023) and the fused
// encoder stack. Each layer's forward is one pass over node blocks: aggregate predecessors into
// A = [x | Σ_{j→i} x_j], one GEMM with [W1; W2], bias, tanh. Backward mirrors it; weight gradients are
// reduced over fixed node chunks in chunk order, so results do not depend on the thread count.
// 32 features in and out (the encoder default) take the register-blocked kernels of graph_conv_w32.cc.
#include "graph_conv.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "args.h"
#include "gemm.h"
#include "graph_conv_tanh.h"
#include "graph_conv_w32.h"
#include "registry.h"
#include "thread_pool.h"

namespace cgnas {

namespace {

// Rows per task. Fixed (not derived from the thread count) so the reduction order is fixed.
constexpr size_t CHUNK = 128;
static_assert(CHUNK <= kW32MaxRows, "the width-32 kernels take at most kW32MaxRows rows per call");

// A rows [r0, r1): [x_i | Σ_{j→i} x_j], 2·fin wide.
void buildAggregate(size_t r0, size_t r1, size_t fin, const int32_t* predPtr, const int32_t* predIdx,
                    const float* x, float* A) {
  const size_t w = 2 * fin;
  for (size_t i = r0; i < r1; ++i) {
    float* __restrict a = A + i * w;
    std::memcpy(a, x + i * fin, fin * sizeof(float));
    float* __restrict agg = a + fin;
    std::fill(agg, agg + fin, 0.f);
    for (int32_t e = predPtr[i]; e < predPtr[i + 1]; ++e) {
      const float* __restrict src = x + static_cast<size_t>(predIdx[e]) * fin;
      for (size_t f = 0; f < fin; ++f) agg[f] += src[f];
    }
  }
}

// Per calling thread (JS main thread, or a worker_threads isolate), so two isolates never share them.
// Pool workers only use the pointers their caller hands out.
std::vector<float>& scratch(int which) {
  thread_local std::vector<float> buffers[8];
  return buffers[which];
}

float* scratchOf(int which, size_t size) {
  std::vector<float>& v = scratch(which);
  if (v.size() < size) v.resize(size);
  return v.data();
}

size_t chunksOf(size_t n) { return (n + CHUNK - 1) / CHUNK; }

// Chunk-ordered reduction of per-chunk weight gradients: the same sum for any thread count.
void reduceChunks(const float* partial, size_t chunks, size_t total, float* out) {
  std::memcpy(out, partial, total * sizeof(float));
  for (size_t c = 1; c < chunks; ++c) {
    const float* __restrict p = partial + c * total;
    for (size_t k = 0; k < total; ++k) out[k] += p[k];
  }
}

}  // namespace

void graphConvForward(size_t n, size_t fin, size_t fout, const int32_t* predPtr, const int32_t* predIdx,
                      const float* x, const float* params, float* y) {
  if (n == 0 || fout == 0) return;
  if (fin == kW32 && fout == kW32) {
    ThreadPool::instance().parallelFor(chunksOf(n), [&](size_t c, int) {
      graphConv32Forward(c * CHUNK, std::min(n, (c + 1) * CHUNK), predPtr, predIdx, x, params, y);
    });
    return;
  }
  const size_t w = 2 * fin;
  float* A = scratchOf(0, n * w);
  const float* bias = params + w * fout;
  ThreadPool::instance().parallelFor(chunksOf(n), [&](size_t c, int) {
    const size_t r0 = c * CHUNK;
    const size_t r1 = std::min(n, r0 + CHUNK);
    buildAggregate(r0, r1, fin, predPtr, predIdx, x, A);
    sgemm(false, false, r1 - r0, fout, w, 1.f, A + r0 * w, w, params, fout, 0.f, y + r0 * fout, fout, 1);
    for (size_t i = r0; i < r1; ++i) {
      float* __restrict row = y + i * fout;
      for (size_t f = 0; f < fout; ++f) row[f] = fastTanh(row[f] + bias[f]);
    }
  });
}

void graphConvBackward(size_t n, size_t fin, size_t fout, const int32_t* predPtr, const int32_t* predIdx,
                       const int32_t* succPtr, const int32_t* succIdx, const float* x, const float* params,
                       const float* y, const float* dy, float* dx, float* dparams) {
  const size_t w = 2 * fin;
  const size_t prows = w + 1;
  if (n == 0) {
    std::fill(dparams, dparams + prows * fout, 0.f);
    return;
  }
  const size_t chunks = chunksOf(n);
  ThreadPool& pool = ThreadPool::instance();
  const size_t total = prows * fout;
  if (fin == kW32 && fout == kW32) {
    float* wt = scratchOf(1, 2 * kW32 * kW32);
    float* h2 = scratchOf(3, n * kW32);
    float* partial = scratchOf(4, chunks * total);
    graphConv32Transpose(params, wt);
    pool.parallelFor(chunks, [&](size_t c, int) {
      graphConv32BackwardRows(c * CHUNK, std::min(n, (c + 1) * CHUNK), predPtr, predIdx, x, wt, y, dy,
                              partial + c * total, dx, h2);
    });
    reduceChunks(partial, chunks, total, dparams);
    if (!dx) return;
    pool.parallelFor(chunks, [&](size_t c, int) {
      graphConv32GatherSuccessors(c * CHUNK, std::min(n, (c + 1) * CHUNK), succPtr, succIdx, h2, dx);
    });
    return;
  }
  float* A = scratchOf(1, n * w);
  float* dZ = scratchOf(2, n * fout);
  // H = dZ [W1; W2]ᵀ = [dZ W1ᵀ | dZ W2ᵀ]: a node's own input gradient, and what it sends back to
  // its predecessors. One GEMM with the stacked weights instead of two thin ones.
  float* H = scratchOf(3, n * w);
  float* partial = scratchOf(4, chunks * prows * fout);
  // Phase 1: dZ = dy ⊙ (1 − y²); H; per-chunk partial [dW1; dW2] = A_chunkᵀ dZ_chunk and db = Σ dZ_chunk.
  pool.parallelFor(chunks, [&](size_t c, int) {
    const size_t r0 = c * CHUNK;
    const size_t r1 = std::min(n, r0 + CHUNK);
    const size_t rows = r1 - r0;
    buildAggregate(r0, r1, fin, predPtr, predIdx, x, A);
    for (size_t i = r0 * fout; i < r1 * fout; ++i) dZ[i] = dy[i] * (1.f - y[i] * y[i]);
    float* p = partial + c * prows * fout;
    sgemm(true, false, w, fout, rows, 1.f, A + r0 * w, w, dZ + r0 * fout, fout, 0.f, p, fout, 1);
    float* __restrict db = p + w * fout;
    std::fill(db, db + fout, 0.f);
    for (size_t i = r0; i < r1; ++i) {
      const float* __restrict dz = dZ + i * fout;
      for (size_t f = 0; f < fout; ++f) db[f] += dz[f];
    }
    if (dx) sgemm(false, true, rows, w, fout, 1.f, dZ + r0 * fout, fout, params, fout, 0.f, H + r0 * w, w, 1);
  });
  reduceChunks(partial, chunks, total, dparams);
  if (!dx) return;
  // Phase 2: dx_j = W1 dZ_j + Σ_{j→i} W2 dZ_i (a gather over successors instead of a scatter).
  pool.parallelFor(chunks, [&](size_t c, int) {
    const size_t r0 = c * CHUNK;
    const size_t r1 = std::min(n, r0 + CHUNK);
    for (size_t j = r0; j < r1; ++j) {
      float* __restrict d = dx + j * fin;
      const float* __restrict self = H + j * w;
      for (size_t f = 0; f < fin; ++f) d[f] = self[f];
      for (int32_t e = succPtr[j]; e < succPtr[j + 1]; ++e) {
        const float* __restrict g = H + static_cast<size_t>(succIdx[e]) * w + fin;
        for (size_t f = 0; f < fin; ++f) d[f] += g[f];
      }
    }
  });
}

namespace {

struct EncoderDims {
  size_t n, graphs, width, layers, embedRows, embedCols, shapeDim;
};

// x0_i = Σ_c T[idx_ic] (idx < 0: no row) + Σ_k s_ik P_k + P_shapeDim.
void embedForward(const EncoderDims& d, const int32_t* idx, const float* shape, const float* table,
                  const float* proj, float* x0) {
  const size_t F = d.width;
  ThreadPool::instance().parallelFor(chunksOf(d.n), [&](size_t c, int) {
    const size_t r1 = std::min(d.n, (c + 1) * CHUNK);
    for (size_t i = c * CHUNK; i < r1; ++i) {
      float* __restrict out = x0 + i * F;
      std::memcpy(out, proj + d.shapeDim * F, F * sizeof(float));
      for (size_t k = 0; k < d.shapeDim; ++k) {
        const float s = shape[i * d.shapeDim + k];
        const float* __restrict p = proj + k * F;
        for (size_t f = 0; f < F; ++f) out[f] += s * p[f];
      }
      for (size_t col = 0; col < d.embedCols; ++col) {
        const int32_t r = idx[i * d.embedCols + col];
        if (r < 0) continue;
        const float* __restrict t = table + static_cast<size_t>(r) * F;
        for (size_t f = 0; f < F; ++f) out[f] += t[f];
      }
    }
  });
}

// Sequential on purpose: scatter-adds into shared table rows in node order (deterministic).
void embedBackward(const EncoderDims& d, const int32_t* idx, const float* shape, const float* dx0, float* dTable,
                   float* dProj) {
  const size_t F = d.width;
  std::fill(dTable, dTable + d.embedRows * F, 0.f);
  std::fill(dProj, dProj + (d.shapeDim + 1) * F, 0.f);
  float* __restrict db = dProj + d.shapeDim * F;
  for (size_t i = 0; i < d.n; ++i) {
    const float* __restrict g = dx0 + i * F;
    for (size_t f = 0; f < F; ++f) db[f] += g[f];
    for (size_t k = 0; k < d.shapeDim; ++k) {
      const float s = shape[i * d.shapeDim + k];
      float* __restrict p = dProj + k * F;
      for (size_t f = 0; f < F; ++f) p[f] += s * g[f];
    }
    for (size_t col = 0; col < d.embedCols; ++col) {
      const int32_t r = idx[i * d.embedCols + col];
      if (r < 0) continue;
      float* __restrict t = dTable + static_cast<size_t>(r) * F;
      for (size_t f = 0; f < F; ++f) t[f] += g[f];
    }
  }
}

void maskInto(size_t count, const float* x, const float* mask, float* out) {
  for (size_t i = 0; i < count; ++i) out[i] = x[i] * mask[i];
}

// acts: (layers + 1) × n × F; acts[0] = embeddings, acts[l + 1] = output of layer l (before dropout).
void encoderForward(const EncoderDims& d, const int32_t* predPtr, const int32_t* predIdx, const int32_t* offsets,
                    const int32_t* idx, const float* shape, const float* table, const float* proj,
                    const float* convs, const float* masks, float* acts, float* pooled) {
  const size_t F = d.width;
  const size_t nf = d.n * F;
  const size_t layerParams = (2 * F + 1) * F;
  embedForward(d, idx, shape, table, proj, acts);
  float* xin = masks ? scratchOf(5, nf) : nullptr;
  for (size_t l = 0; l < d.layers; ++l) {
    const float* in = acts + l * nf;
    if (masks) {
      maskInto(nf, in, masks + l * nf, xin);
      in = xin;
    }
    graphConvForward(d.n, F, F, predPtr, predIdx, in, convs + l * layerParams, acts + (l + 1) * nf);
  }
  const float* h = acts + d.layers * nf;
  for (size_t g = 0; g < d.graphs; ++g) {
    float* __restrict out = pooled + g * F;
    std::fill(out, out + F, 0.f);
    const int32_t b = offsets[g];
    const int32_t e = offsets[g + 1];
    for (int32_t i = b; i < e; ++i) {
      const float* __restrict row = h + static_cast<size_t>(i) * F;
      for (size_t f = 0; f < F; ++f) out[f] += row[f];
    }
    if (e > b) {
      const float inv = 1.f / static_cast<float>(e - b);
      for (size_t f = 0; f < F; ++f) out[f] *= inv;
    }
  }
}

void encoderBackward(const EncoderDims& d, const int32_t* predPtr, const int32_t* predIdx, const int32_t* succPtr,
                     const int32_t* succIdx, const int32_t* offsets, const int32_t* idx, const float* shape,
                     const float* convs, const float* masks, const float* acts, const float* dPooled,
                     float* dTable, float* dProj, float* dConvs) {
  const size_t F = d.width;
  const size_t nf = d.n * F;
  const size_t layerParams = (2 * F + 1) * F;
  float* dA = scratchOf(6, nf);
  float* dB = scratchOf(7, nf);
  float* xin = masks ? scratchOf(5, nf) : nullptr;
  for (size_t g = 0; g < d.graphs; ++g) {
    const int32_t b = offsets[g];
    const int32_t e = offsets[g + 1];
    if (e <= b) continue;
    const float inv = 1.f / static_cast<float>(e - b);
    const float* __restrict dp = dPooled + g * F;
    for (int32_t i = b; i < e; ++i) {
      float* __restrict row = dA + static_cast<size_t>(i) * F;
      for (size_t f = 0; f < F; ++f) row[f] = dp[f] * inv;
    }
  }
  for (size_t l = d.layers; l-- > 0;) {
    const float* in = acts + l * nf;
    if (masks) {
      maskInto(nf, in, masks + l * nf, xin);
      in = xin;
    }
    graphConvBackward(d.n, F, F, predPtr, predIdx, succPtr, succIdx, in, convs + l * layerParams,
                      acts + (l + 1) * nf, dA, dB, dConvs + l * layerParams);
    if (masks) {
      const float* m = masks + l * nf;
      for (size_t i = 0; i < nf; ++i) dB[i] *= m[i];
    }
    std::swap(dA, dB);
  }
  embedBackward(d, idx, shape, dA, dTable, dProj);
}

// --- N-API: lengths and indices are checked here too, so a misuse of the raw binding is a JS error,
// never undefined behaviour. The typed ops in native/src/graph validate first with better messages.

void checkCsr(const Napi::Env& env, const ArrayView<int32_t>& ptr, const ArrayView<int32_t>& idx, size_t n,
              const char* message) {
  require(ptr.length == n + 1 && ptr.data[0] == 0, env, message);
  for (size_t i = 0; i < n; ++i) require(ptr.data[i + 1] >= ptr.data[i], env, message);
  const size_t nnz = static_cast<size_t>(ptr.data[n]);
  require(idx.length >= nnz, env, message);
  for (size_t e = 0; e < nnz; ++e) require(idx.data[e] >= 0 && static_cast<size_t>(idx.data[e]) < n, env, message);
}

void checkLen(const Napi::Env& env, size_t have, size_t need, const char* message) { require(have >= need, env, message); }

// graphConvForward(dims [n, fin, fout], predPtr, predIdx, x, params, y)
Napi::Value GraphConvForward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto dims = typedArrayArg<int32_t>(info, 0, "graphConvForward", "dims");
  require(dims.length == 3 && dims.data[0] >= 0 && dims.data[1] >= 0 && dims.data[2] >= 0, env,
          "graphConvForward: dims must be [n, fin, fout] (non-negative)");
  const size_t n = dims.data[0], fin = dims.data[1], fout = dims.data[2];
  auto predPtr = typedArrayArg<int32_t>(info, 1, "graphConvForward", "predPtr");
  auto predIdx = typedArrayArg<int32_t>(info, 2, "graphConvForward", "predIdx");
  auto x = typedArrayArg<float>(info, 3, "graphConvForward", "x");
  auto params = typedArrayArg<float>(info, 4, "graphConvForward", "params");
  auto y = typedArrayArg<float>(info, 5, "graphConvForward", "y");
  checkCsr(env, predPtr, predIdx, n, "graphConvForward: invalid predecessor CSR");
  checkLen(env, x.length, n * fin, "graphConvForward: x is too short");
  checkLen(env, params.length, (2 * fin + 1) * fout, "graphConvForward: params is too short");
  checkLen(env, y.length, n * fout, "graphConvForward: y is too short");
  graphConvForward(n, fin, fout, predPtr.data, predIdx.data, x.data, params.data, y.data);
  return env.Undefined();
}

// graphConvBackward(dims, predPtr, predIdx, succPtr, succIdx, x, params, y, dy, dx | null, dparams)
Napi::Value GraphConvBackward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto dims = typedArrayArg<int32_t>(info, 0, "graphConvBackward", "dims");
  require(dims.length == 3 && dims.data[0] >= 0 && dims.data[1] >= 0 && dims.data[2] >= 0, env,
          "graphConvBackward: dims must be [n, fin, fout] (non-negative)");
  const size_t n = dims.data[0], fin = dims.data[1], fout = dims.data[2];
  auto predPtr = typedArrayArg<int32_t>(info, 1, "graphConvBackward", "predPtr");
  auto predIdx = typedArrayArg<int32_t>(info, 2, "graphConvBackward", "predIdx");
  auto succPtr = typedArrayArg<int32_t>(info, 3, "graphConvBackward", "succPtr");
  auto succIdx = typedArrayArg<int32_t>(info, 4, "graphConvBackward", "succIdx");
  auto x = typedArrayArg<float>(info, 5, "graphConvBackward", "x");
  auto params = typedArrayArg<float>(info, 6, "graphConvBackward", "params");
  auto y = typedArrayArg<float>(info, 7, "graphConvBackward", "y");
  auto dy = typedArrayArg<float>(info, 8, "graphConvBackward", "dy");
  const bool wantDx = info.Length() > 9 && !info[9].IsNull() && !info[9].IsUndefined();
  ArrayView<float> dx{nullptr, 0};
  if (wantDx) dx = typedArrayArg<float>(info, 9, "graphConvBackward", "dx");
  auto dparams = typedArrayArg<float>(info, 10, "graphConvBackward", "dparams");
  checkCsr(env, predPtr, predIdx, n, "graphConvBackward: invalid predecessor CSR");
  checkCsr(env, succPtr, succIdx, n, "graphConvBackward: invalid successor CSR");
  require(predPtr.data[n] == succPtr.data[n], env, "graphConvBackward: CSRs have different edge counts");
  checkLen(env, x.length, n * fin, "graphConvBackward: x is too short");
  checkLen(env, params.length, (2 * fin + 1) * fout, "graphConvBackward: params is too short");
  checkLen(env, y.length, n * fout, "graphConvBackward: y is too short");
  checkLen(env, dy.length, n * fout, "graphConvBackward: dy is too short");
  if (wantDx) checkLen(env, dx.length, n * fin, "graphConvBackward: dx is too short");
  checkLen(env, dparams.length, (2 * fin + 1) * fout, "graphConvBackward: dparams is too short");
  graphConvBackward(n, fin, fout, predPtr.data, predIdx.data, succPtr.data, succIdx.data, x.data, params.data, y.data,
                    dy.data, wantDx ? dx.data : nullptr, dparams.data);
  return env.Undefined();
}

EncoderDims encoderDims(const Napi::CallbackInfo& info, const char* fn) {
  Napi::Env env = info.Env();
  auto dims = typedArrayArg<int32_t>(info, 0, fn, "dims");
  require(dims.length == 7, env, "graphEncoder: dims must be [n, graphs, width, layers, embedRows, embedCols, shapeDim]");
  for (size_t i = 0; i < 7; ++i) require(dims.data[i] >= 0, env, "graphEncoder: dims must be non-negative");
  return {static_cast<size_t>(dims.data[0]), static_cast<size_t>(dims.data[1]), static_cast<size_t>(dims.data[2]),
          static_cast<size_t>(dims.data[3]), static_cast<size_t>(dims.data[4]), static_cast<size_t>(dims.data[5]),
          static_cast<size_t>(dims.data[6])};
}

void checkEncoderInputs(const Napi::Env& env, const EncoderDims& d, const ArrayView<int32_t>& offsets,
                        const ArrayView<int32_t>& idx, const ArrayView<float>& shape) {
  require(offsets.length == d.graphs + 1 && offsets.data[0] == 0 &&
              static_cast<size_t>(offsets.data[d.graphs]) == d.n,
          env, "graphEncoder: graphOffsets must have graphs + 1 entries from 0 to n");
  for (size_t g = 0; g < d.graphs; ++g)
    require(offsets.data[g + 1] >= offsets.data[g], env, "graphEncoder: graphOffsets must not decrease");
  checkLen(env, idx.length, d.n * d.embedCols, "graphEncoder: embedIdx is too short");
  for (size_t i = 0; i < d.n * d.embedCols; ++i)
    require(idx.data[i] < static_cast<int32_t>(d.embedRows), env, "graphEncoder: embedIdx out of range");
  checkLen(env, shape.length, d.n * d.shapeDim, "graphEncoder: shape is too short");
}

const float* optionalFloats(const Napi::CallbackInfo& info, size_t index, const char* fn, size_t need) {
  if (index >= info.Length() || info[index].IsNull() || info[index].IsUndefined()) return nullptr;
  auto v = typedArrayArg<float>(info, index, fn, "masks");
  require(v.length >= need, info.Env(), "graphEncoder: masks is too short");
  return v.data;
}

// graphEncoderForward(dims, predPtr, predIdx, graphOffsets, embedIdx, shape, table, proj, convs, masks|null,
//                     acts, pooled)
Napi::Value GraphEncoderForward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "graphEncoderForward";
  const EncoderDims d = encoderDims(info, fn);
  auto predPtr = typedArrayArg<int32_t>(info, 1, fn, "predPtr");
  auto predIdx = typedArrayArg<int32_t>(info, 2, fn, "predIdx");
  auto offsets = typedArrayArg<int32_t>(info, 3, fn, "graphOffsets");
  auto idx = typedArrayArg<int32_t>(info, 4, fn, "embedIdx");
  auto shape = typedArrayArg<float>(info, 5, fn, "shape");
  auto table = typedArrayArg<float>(info, 6, fn, "table");
  auto proj = typedArrayArg<float>(info, 7, fn, "proj");
  auto convs = typedArrayArg<float>(info, 8, fn, "convs");
  const float* masks = optionalFloats(info, 9, fn, d.layers * d.n * d.width);
  auto acts = typedArrayArg<float>(info, 10, fn, "acts");
  auto pooled = typedArrayArg<float>(info, 11, fn, "pooled");
  checkCsr(env, predPtr, predIdx, d.n, "graphEncoderForward: invalid predecessor CSR");
  checkEncoderInputs(env, d, offsets, idx, shape);
  const size_t F = d.width;
  checkLen(env, table.length, d.embedRows * F, "graphEncoderForward: table is too short");
  checkLen(env, proj.length, (d.shapeDim + 1) * F, "graphEncoderForward: proj is too short");
  checkLen(env, convs.length, d.layers * (2 * F + 1) * F, "graphEncoderForward: convs is too short");
  checkLen(env, acts.length, (d.layers + 1) * d.n * F, "graphEncoderForward: acts is too short");
  checkLen(env, pooled.length, d.graphs * F, "graphEncoderForward: pooled is too short");
  encoderForward(d, predPtr.data, predIdx.data, offsets.data, idx.data, shape.data, table.data, proj.data, convs.data,
                 masks, acts.data, pooled.data);
  return env.Undefined();
}

// graphEncoderBackward(dims, predPtr, predIdx, succPtr, succIdx, graphOffsets, embedIdx, shape, convs,
//                      masks|null, acts, dPooled, dTable, dProj, dConvs)
Napi::Value GraphEncoderBackward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* fn = "graphEncoderBackward";
  const EncoderDims d = encoderDims(info, fn);
  auto predPtr = typedArrayArg<int32_t>(info, 1, fn, "predPtr");
  auto predIdx = typedArrayArg<int32_t>(info, 2, fn, "predIdx");
  auto succPtr = typedArrayArg<int32_t>(info, 3, fn, "succPtr");
  auto succIdx = typedArrayArg<int32_t>(info, 4, fn, "succIdx");
  auto offsets = typedArrayArg<int32_t>(info, 5, fn, "graphOffsets");
  auto idx = typedArrayArg<int32_t>(info, 6, fn, "embedIdx");
  auto shape = typedArrayArg<float>(info, 7, fn, "shape");
  auto convs = typedArrayArg<float>(info, 8, fn, "convs");
  const float* masks = optionalFloats(info, 9, fn, d.layers * d.n * d.width);
  auto acts = typedArrayArg<float>(info, 10, fn, "acts");
  auto dPooled = typedArrayArg<float>(info, 11, fn, "dPooled");
  auto dTable = typedArrayArg<float>(info, 12, fn, "dTable");
  auto dProj = typedArrayArg<float>(info, 13, fn, "dProj");
  auto dConvs = typedArrayArg<float>(info, 14, fn, "dConvs");
  checkCsr(env, predPtr, predIdx, d.n, "graphEncoderBackward: invalid predecessor CSR");
  checkCsr(env, succPtr, succIdx, d.n, "graphEncoderBackward: invalid successor CSR");
  require(predPtr.data[d.n] == succPtr.data[d.n], env, "graphEncoderBackward: CSRs have different edge counts");
  checkEncoderInputs(env, d, offsets, idx, shape);
  const size_t F = d.width;
  checkLen(env, convs.length, d.layers * (2 * F + 1) * F, "graphEncoderBackward: convs is too short");
  checkLen(env, acts.length, (d.layers + 1) * d.n * F, "graphEncoderBackward: acts is too short");
  checkLen(env, dPooled.length, d.graphs * F, "graphEncoderBackward: dPooled is too short");
  checkLen(env, dTable.length, d.embedRows * F, "graphEncoderBackward: dTable is too short");
  checkLen(env, dProj.length, (d.shapeDim + 1) * F, "graphEncoderBackward: dProj is too short");
  checkLen(env, dConvs.length, d.layers * (2 * F + 1) * F, "graphEncoderBackward: dConvs is too short");
  encoderBackward(d, predPtr.data, predIdx.data, succPtr.data, succIdx.data, offsets.data, idx.data, shape.data,
                  convs.data, masks, acts.data, dPooled.data, dTable.data, dProj.data, dConvs.data);
  return env.Undefined();
}

}  // namespace

CGNAS_REGISTER(graphConvForward, GraphConvForward);
CGNAS_REGISTER(graphConvBackward, GraphConvBackward);
CGNAS_REGISTER(graphEncoderForward, GraphEncoderForward);
CGNAS_REGISTER(graphEncoderBackward, GraphEncoderBackward);

}  // namespace cgnas
