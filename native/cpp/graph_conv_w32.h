// GraphConv kernels specialised for 32 features in and out (the GENNAPE width, and the encoder
// default). A 32-float row is a whole number of SIMD registers, so each kernel keeps a block of rows
// in registers and streams the 32 × 32 weights from L1, fusing aggregation, both matmuls, bias and
// tanh (forward) or dZ, the weight gradients and the input gradients (backward) without packing.
#pragma once
#include <cstddef>
#include <cstdint>

namespace cgnas {

constexpr size_t kW32 = 32;
// Most rows one call of the row-range kernels takes (their scratch lives on the stack).
constexpr size_t kW32MaxRows = 128;

// y rows [r0, r1) = tanh(W1ᵀ x_i + W2ᵀ Σ_{j→i} x_j + b); params as in graph_conv.h (65 × 32).
void graphConv32Forward(size_t r0, size_t r1, const int32_t* predPtr, const int32_t* predIdx, const float* x,
                        const float* params, float* y);

// wt (32 × 64): row f = [W1[:, f] | W2[:, f]], the stacked weights transposed for the input gradient.
void graphConv32Transpose(const float* params, float* wt);

// Rows [r0, r1) (at most kW32MaxRows) of the backward: partial (65 × 32) = [x; agg]ᵀ dZ and Σ dZ over
// these rows, where dZ = dy ⊙ (1 − y²). With dx: dx_i = W1 dZ_i and h2_i = W2 dZ_i for these rows.
void graphConv32BackwardRows(size_t r0, size_t r1, const int32_t* predPtr, const int32_t* predIdx, const float* x,
                             const float* wt, const float* y, const float* dy, float* partial, float* dx, float* h2);

// dx_j += Σ_{j→i} h2_i for rows [r0, r1): what each node sent to its successors, gathered back.
void graphConv32GatherSuccessors(size_t r0, size_t r1, const int32_t* succPtr, const int32_t* succIdx,
                                 const float* h2, float* dx);

}  // namespace cgnas
