import { afterEach, describe, expect, it } from 'vitest';

import { describeConvConformance } from '../conformance/conv-conformance.js';
import { getBinding } from '../load-binding.js';
import {
  NATIVE_TF_KERNELS,
  nativeTfKernelsRegistered,
  registerNativeTfKernels,
  unregisterNativeTfKernels,
} from './register-native-kernels.js';
import { tf } from './select-tf-backend.js';

const nativeWanted = process.env.CGNAS_NATIVE !== '0';

// The JS twin is the cpu backend's own kernel set.
describeConvConformance(
  'js (tfjs-backend-cpu)',
  () => undefined,
  () => undefined,
);
if (nativeWanted) {
  describeConvConformance(
    'native (C++ in the cpu kernel registry)',
    () => registerNativeTfKernels(),
    () => unregisterNativeTfKernels(),
  );
}

describe('registerNativeTfKernels', () => {
  afterEach(() => unregisterNativeTfKernels());

  it.runIf(nativeWanted)('swaps the cpu kernels and restores the originals', () => {
    const before = NATIVE_TF_KERNELS.map((k) => tf.getKernel(k, 'cpu')!.kernelFunc);
    registerNativeTfKernels(getBinding()!);
    expect(nativeTfKernelsRegistered()).toBe(true);
    NATIVE_TF_KERNELS.forEach((k, i) => expect(tf.getKernel(k, 'cpu')!.kernelFunc).not.toBe(before[i]));
    registerNativeTfKernels(getBinding()!); // idempotent
    unregisterNativeTfKernels();
    expect(nativeTfKernelsRegistered()).toBe(false);
    NATIVE_TF_KERNELS.forEach((k, i) => expect(tf.getKernel(k, 'cpu')!.kernelFunc).toBe(before[i]));
  });

  it.runIf(nativeWanted)('hands NCHW convolutions to the JS kernel', async () => {
    await tf.setBackend('cpu');
    registerNativeTfKernels(getBinding()!);
    // tfjs-backend-cpu implements NCHW Conv2D; the native path declines it and the result still agrees with NHWC.
    const y = tf.tidy(() => {
      const x = tf
        .range(0, 2 * 3 * 4 * 4)
        .reshape([2, 3, 4, 4])
        .toFloat() as tf.Tensor4D;
      const f = tf
        .range(0, 3 * 3 * 3 * 2)
        .reshape([3, 3, 3, 2])
        .toFloat()
        .div(10) as tf.Tensor4D;
      const nchw = tf.conv2d(x, f, 1, 'same', 'NCHW');
      const nhwc = tf.conv2d(x.transpose<tf.Tensor4D>([0, 2, 3, 1]), f, 1, 'same', 'NHWC').transpose([0, 3, 1, 2]);
      return tf.max(tf.abs(tf.sub(nchw, nhwc))).dataSync()[0]!;
    });
    expect(y).toBeLessThan(1e-3);
  });
});
