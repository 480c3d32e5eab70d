// Fused graph convolution (k-GNN GraphConv, Morris et al. AAAI 2019, as GENNAPE uses it):
// y_i = tanh(W1ᵀ x_i + W2ᵀ Σ_{j→i} x_j + b), row-major [nodes × features], and the whole encoder stack
// (node embedding → L GraphConv layers → per-graph mean pool) as one forward and one backward call.
#pragma once
#include <cstddef>
#include <cstdint>

namespace cgnas {

// params: (2·fin + 1) × fout rows: W1 (fin × fout), W2 (fin × fout), b (1 × fout).
// pred CSR: row i lists the sources j of edges j → i.
void graphConvForward(size_t n, size_t fin, size_t fout, const int32_t* predPtr, const int32_t* predIdx,
                      const float* x, const float* params, float* y);

// dparams is overwritten; dx (n × fin, may be null) is overwritten. y is the forward output.
// succ CSR: row j lists the targets i of edges j → i. Deterministic for any thread count.
void graphConvBackward(size_t n, size_t fin, size_t fout, const int32_t* predPtr, const int32_t* predIdx,
                       const int32_t* succPtr, const int32_t* succIdx, const float* x, const float* params,
                       const float* y, const float* dy, float* dx, float* dparams);

}  // namespace cgnas
