// The tanh of the graph-convolution kernels, shared by the generic and the width-32 paths so both
// give the same activations.
#pragma once
#include <algorithm>
#include <cmath>

namespace cgnas {

// Rational tanh (Eigen's generic_fast_tanh_float): a few ulp, branch-free so the loop vectorises.
// std::tanh costs ~20 ns per call and would dominate a 32-wide layer.
inline float fastTanh(float x) {
  const float clamped = std::min(7.90531110763549805f, std::max(-7.90531110763549805f, x));
  const float x2 = clamped * clamped;
  float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
  p = x2 * p + -8.60467152213735e-11f;
  p = x2 * p + 5.12229709037114e-08f;
  p = x2 * p + 1.48572235717979e-05f;
  p = x2 * p + 6.37261928875436e-04f;
  p = x2 * p + 4.89352455891786e-03f;
  p = clamped * p;
  float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
  q = x2 * q + 2.26843463243900e-03f;
  q = x2 * q + 4.89352518554385e-03f;
  const float r = p / q;
  return std::fabs(x) < 0.0004f ? x : r;
}

}  // namespace cgnas
