import { afterEach, describe, expect, it, vi } from 'vitest';

import { hasNative } from '../load-binding.js';
import { nativeTfKernelsRegistered } from './register-native-kernels.js';
import { TfBackendError, resetTfBackendChoiceForTesting, selectTfBackend, tf } from './select-tf-backend.js';

describe('selectTfBackend', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetTfBackendChoiceForTesting();
  });

  it('picks a working backend and says which and why', async () => {
    const choice = await selectTfBackend();
    expect(['tensorflow', 'wasm', 'cpu']).toContain(choice.backend);
    expect(tf.getBackend()).toBe(choice.backend);
    if (hasNative()) {
      // With the addon, the default is tfjs cpu with the C++ kernels in its registry.
      expect(choice).toMatchObject({ backend: 'cpu', nativeKernels: true });
      expect(choice.reason).toMatch(/^cpu\+native/);
      expect(nativeTfKernelsRegistered()).toBe(true);
    } else if (choice.backend !== 'tensorflow') {
      // Where tfjs-node did not install (this machine), the attempt is recorded, not thrown.
      expect(choice.attempts[0]!.backend).toBe('tensorflow');
    }
    const y = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
    expect(y).toBe(11);
  });

  it('honours CGNAS_TF_BACKEND', async () => {
    vi.stubEnv('CGNAS_TF_BACKEND', 'cpu');
    const choice = await selectTfBackend();
    expect(choice).toMatchObject({ backend: 'cpu', reason: 'CGNAS_TF_BACKEND=cpu', nativeKernels: false });
    expect(nativeTfKernelsRegistered()).toBe(false);
  });

  it.runIf(hasNative())('honours CGNAS_TF_BACKEND=cpu+native', async () => {
    vi.stubEnv('CGNAS_TF_BACKEND', 'cpu+native');
    const choice = await selectTfBackend();
    expect(choice).toMatchObject({ backend: 'cpu', nativeKernels: true });
    expect(nativeTfKernelsRegistered()).toBe(true);
  });

  it('rejects an unknown CGNAS_TF_BACKEND with a typed error naming the choices', async () => {
    vi.stubEnv('CGNAS_TF_BACKEND', 'cuda');
    await expect(selectTfBackend()).rejects.toThrow(TfBackendError);
    await expect(selectTfBackend()).rejects.toThrow(/tensorflow, wasm, cpu, cpu\+native/);
  });
});
