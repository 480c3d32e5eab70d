// Loads the C++ addon once. Candidates are tried in a fixed order and every failure is kept, so
// `cgnas doctor` can say exactly why the JS kernels are in use (node-llama-cpp getLlama, sharp).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { EXPECTED_NATIVE_ABI, REQUIRED_NATIVE_KERNELS, type NativeBinding, type NativeInfo } from './binding-types.js';
import { NativeUnavailableError, type LoadAttempt } from './errors.js';

export interface NativeStatus {
  /** True when the C++ kernels are in use. */
  readonly hasNative: boolean;
  /** Why the JS kernels are in use, or null. */
  readonly reason: string | null;
  /** The binary that loaded, or null. */
  readonly path: string | null;
  readonly attempts: readonly LoadAttempt[];
  readonly info: NativeInfo | null;
}

const requireFromHere = createRequire(import.meta.url);
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the build script puts the addon. */
export const DEFAULT_BINARY_PATH = join(packageRoot, 'build', 'Release', 'cgnas_native.node');

let cached: { binding: NativeBinding | null; status: NativeStatus } | null = null;
let noticeGiven = false;

function candidatePaths(): string[] {
  // An explicit path is a choice, not a hint: do not fall through to the default binary.
  const fromEnv = process.env.CGNAS_NATIVE_PATH;
  return fromEnv ? [resolve(fromEnv)] : [DEFAULT_BINARY_PATH];
}

function validate(binding: unknown): NativeBinding {
  const b = binding as Partial<NativeBinding>;
  if (typeof b?.info !== 'function') throw new Error('not a cgnas addon (no info())');
  const info = b.info();
  if (info.abi !== EXPECTED_NATIVE_ABI) {
    throw new Error(`addon ABI ${info.abi} but this loader needs ${EXPECTED_NATIVE_ABI}: rebuild it`);
  }
  const missing = REQUIRED_NATIVE_KERNELS.filter((k) => typeof (b as Record<string, unknown>)[k] !== 'function');
  if (missing.length > 0) throw new Error(`addon lacks kernels ${missing.join(', ')}: rebuild it`);
  return b as NativeBinding;
}

/** Tries each candidate binary; never throws. */
export function loadBinding(paths: readonly string[] = candidatePaths()): {
  binding: NativeBinding | null;
  status: NativeStatus;
} {
  if (process.env.CGNAS_NATIVE === '0') {
    return {
      binding: null,
      status: { hasNative: false, reason: 'CGNAS_NATIVE=0 is set', path: null, attempts: [], info: null },
    };
  }
  const attempts: LoadAttempt[] = [];
  for (const path of paths) {
    if (!existsSync(path)) {
      attempts.push({ path, message: 'file not found (the addon was not built)' });
      continue;
    }
    try {
      const binding = validate(requireFromHere(path));
      return { binding, status: { hasNative: true, reason: null, path, attempts, info: binding.info() } };
    } catch (error) {
      attempts.push({ path, message: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
    }
  }
  const reason = attempts.map((a) => `${a.path}: ${a.message}`).join('; ');
  return { binding: null, status: { hasNative: false, reason, path: null, attempts, info: null } };
}

function ensureLoaded(): { binding: NativeBinding | null; status: NativeStatus } {
  if (!cached) {
    cached = loadBinding();
    if (!cached.binding && process.env.CGNAS_NATIVE !== '0' && !noticeGiven) {
      noticeGiven = true;
      process.emitWarning(
        `cgnas: native addon unavailable, using the JS kernels (slower). ${cached.status.reason}. ` +
          'Fix: run `npm run build:addon -w @cgnas/native` (needs g++ and cmake), or set CGNAS_NATIVE=0 to silence this.',
        { code: 'CGNAS_NATIVE_FALLBACK' },
      );
    }
  }
  return cached;
}

/** The loaded addon, or null when the JS kernels are in use. */
export function getBinding(): NativeBinding | null {
  return ensureLoaded().binding;
}

/** The addon, or a NativeUnavailableError listing every cause and the fix. */
export function requireBinding(): NativeBinding {
  const { binding, status } = ensureLoaded();
  if (binding) return binding;
  throw new NativeUnavailableError(
    `native.requireBinding: the C++ addon is not available (${status.reason}). ` +
      'Build it with `npm run build:addon -w @cgnas/native`, or use the JS kernels.',
    status.attempts,
  );
}

export function nativeStatus(): NativeStatus {
  return ensureLoaded().status;
}

/** True when the C++ kernels are in use. */
export function hasNative(): boolean {
  return ensureLoaded().binding !== null;
}

/**
 * Replaces the binding (tests inject a fake or a broken one; null forces the JS kernels).
 * `undefined` forgets the override (and the notice given) and loads from disk again on next use.
 */
export function setBindingForTesting(binding: NativeBinding | null | undefined, reason = 'injected by a test'): void {
  if (binding === undefined) {
    cached = null;
    noticeGiven = false;
    return;
  }
  cached = binding
    ? { binding, status: { hasNative: true, reason: null, path: '<injected>', attempts: [], info: binding.info() } }
    : { binding: null, status: { hasNative: false, reason, path: null, attempts: [], info: null } };
}
