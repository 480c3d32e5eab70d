// NHWC convolution kernels behind tfjs's Conv2D / DepthwiseConv2dNative (and their gradients) when the
// cpu backend runs with the native kernels (native/src/tf/register-native-kernels.ts).
#pragma once
#include <cstddef>
#include <cstdint>

namespace cgnas {

struct ConvGeometry {
  int n, h, w, c;     // input NHWC
  int kh, kw, outC;   // filter [kh, kw, c, outC] (depthwise: [kh, kw, c, outC / c])
  int strideH, strideW, dilH, dilW;
  int padTop, padLeft;
  int outH, outW;
};

void conv2dForward(const ConvGeometry& g, const float* x, const float* filter, float* y);
void conv2dBackpropInput(const ConvGeometry& g, const float* dy, const float* filter, float* dx);
void conv2dBackpropFilter(const ConvGeometry& g, const float* x, const float* dy, float* dfilter);
void depthwiseForward(const ConvGeometry& g, const float* x, const float* filter, float* y);
void depthwiseBackpropInput(const ConvGeometry& g, const float* dy, const float* filter, float* dx);
void depthwiseBackpropFilter(const ConvGeometry& g, const float* x, const float* dy, float* dfilter);
void unsortedSegmentSum(const float* x, const int32_t* segmentIds, size_t rows, size_t inner, size_t numSegments,
                        float* out);

}  // namespace cgnas
