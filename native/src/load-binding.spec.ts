import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { NativeUnavailableError } from './errors.js';
import { getKernels } from './kernels/kernel-registry.js';
import { hasNative, loadBinding, nativeStatus, requireBinding, setBindingForTesting } from './load-binding.js';
import { matmul } from './ops/gemm.js';

describe('loadBinding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cgnas-native-'));
  beforeEach(() => {
    vi.stubEnv('CGNAS_NATIVE', '1');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    setBindingForTesting(undefined);
  });

  it('reports a missing binary instead of throwing', () => {
    const { binding, status } = loadBinding([join(dir, 'missing.node')]);
    expect(binding).toBeNull();
    expect(status.hasNative).toBe(false);
    expect(status.attempts[0]!.message).toMatch(/not found/);
  });

  it('reports a corrupt binary instead of crashing', () => {
    const corrupt = join(dir, 'corrupt.node');
    writeFileSync(corrupt, Buffer.from('this is not an ELF shared object, just bytes'));
    const { binding, status } = loadBinding([corrupt]);
    expect(binding).toBeNull();
    expect(status.attempts).toHaveLength(1);
    expect(status.reason).toContain('corrupt.node');
  });

  it('refuses a module that is not a cgnas addon', () => {
    const wrong = join(dir, 'wrong.cjs');
    writeFileSync(wrong, 'module.exports = { info: () => ({ abi: 999, kernels: [] }) };');
    const { binding, status } = loadBinding([wrong]);
    expect(binding).toBeNull();
    expect(status.reason).toMatch(/ABI 999/);
  });

  it('falls back to the JS kernels with exactly one notice when the addon is corrupt', () => {
    const corrupt = join(dir, 'corrupt2.node');
    writeFileSync(corrupt, Buffer.alloc(64, 7));
    vi.stubEnv('CGNAS_NATIVE', '1');
    vi.stubEnv('CGNAS_NATIVE_PATH', corrupt);
    setBindingForTesting(undefined);
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    expect(hasNative()).toBe(false);
    expect(getKernels().backend).toBe('js');
    // Kernels still compute through the fallback.
    expect(Array.from(matmul(1, 1, 2, new Float32Array([1, 2]), new Float32Array([3, 4])))).toEqual([11]);
    hasNative();
    // One notice, however often the kernels are asked for.
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/JS kernels/);
    expect(nativeStatus().reason).toContain('corrupt2.node');
    expect(() => requireBinding()).toThrow(NativeUnavailableError);
  });

  it('CGNAS_NATIVE=0 selects the JS kernels without loading anything', () => {
    vi.stubEnv('CGNAS_NATIVE', '0');
    setBindingForTesting(undefined);
    expect(hasNative()).toBe(false);
    expect(nativeStatus().reason).toMatch(/CGNAS_NATIVE=0/);
  });

  it('cleans up', () => {
    rmSync(dir, { recursive: true, force: true });
  });
});
