// Picks the TensorFlow.js backend once per process. With the C++ addon loaded: tfjs `cpu` with the
// native Conv2D/BatchMatMul/... kernels in its registry ("cpu+native"). Otherwise tfjs-node where it
// installed, then wasm (SIMD, but no conv filter gradient) and finally plain cpu (pure JS, ~1 GFLOP/s).
import * as tf from '@tensorflow/tfjs';

import { getBinding } from '../load-binding.js';
import { registerNativeTfKernels, unregisterNativeTfKernels } from './register-native-kernels.js';

export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';

export const TF_BACKENDS: readonly TfBackendName[] = ['tensorflow', 'wasm', 'cpu'];

export interface TfBackendChoice {
  readonly backend: TfBackendName;
  /** Why this one: "CGNAS_TF_BACKEND=cpu", "first that loaded", ... */
  readonly reason: string;
  readonly attempts: ReadonlyArray<{ readonly backend: TfBackendName; readonly message: string }>;
  /** True when the cpu backend runs cgnas's C++ kernels (registerNativeTfKernels). */
  readonly nativeKernels: boolean;
}

/** CGNAS_TF_BACKEND value that asks for the cpu backend with the native kernels. */
export const CPU_NATIVE = 'cpu+native';

export class TfBackendError extends Error {
  override readonly name = 'TfBackendError';
}

let chosen: Promise<TfBackendChoice> | null = null;

async function tryBackend(name: TfBackendName): Promise<void> {
  switch (name) {
    case 'tensorflow':
      // Registers the 'tensorflow' backend as a side effect; fails where libtensorflow is missing.
      await import('@tensorflow/tfjs-node' as string);
      break;
    case 'wasm':
      await import('@tensorflow/tfjs-backend-wasm');
      break;
    case 'cpu':
      break;
    default: {
      const never: never = name;
      throw new TfBackendError(`native.selectTfBackend: unknown backend ${String(never)}`);
    }
  }
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') returned false`);
  await tf.ready();
}

/**
 * Chooses and initialises the tfjs backend (once; later calls return the same choice).
 * Default: "cpu+native" when the addon is loaded, else the first of `order` that loads.
 * `CGNAS_TF_BACKEND=tensorflow|wasm|cpu|cpu+native` forces one (`cpu` = the JS kernels only) and fails
 * with TfBackendError if it cannot load.
 */
export function selectTfBackend(
  options: { order?: readonly TfBackendName[]; force?: TfBackendName } = {},
): Promise<TfBackendChoice> {
  chosen ??= choose(options);
  return chosen;
}

async function choose(options: { order?: readonly TfBackendName[]; force?: TfBackendName }): Promise<TfBackendChoice> {
  // Library code must not print: PROD silences tfjs's "install tfjs-node" banner and debug checks.
  tf.env().set('PROD', true);
  const fromEnv = process.env.CGNAS_TF_BACKEND;
  if (fromEnv === CPU_NATIVE && !options.force) {
    const binding = getBinding();
    if (!binding) {
      chosen = null;
      throw new TfBackendError(
        `native.selectTfBackend: CGNAS_TF_BACKEND=${CPU_NATIVE} needs the C++ addon, which is not loaded. Build it with \`npm run build:addon -w @cgnas/native\` or choose another backend.`,
      );
    }
    await tryBackend('cpu');
    registerNativeTfKernels(binding);
    return {
      backend: 'cpu',
      reason: `${CPU_NATIVE}: CGNAS_TF_BACKEND=${CPU_NATIVE}`,
      attempts: [],
      nativeKernels: true,
    };
  }
  const forced = options.force ?? (fromEnv ? parseBackend(fromEnv) : undefined);
  const binding = forced || options.order ? null : getBinding();
  if (binding) {
    await tryBackend('cpu');
    registerNativeTfKernels(binding);
    return {
      backend: 'cpu',
      reason: `${CPU_NATIVE}: the C++ addon is loaded, so tfjs cpu runs its convolutions and matmuls natively`,
      attempts: [],
      nativeKernels: true,
    };
  }
  // An explicit choice of plain cpu means the JS kernels (the twin), even if an earlier choice registered native ones.
  unregisterNativeTfKernels();
  const order = forced ? [forced] : (options.order ?? TF_BACKENDS);
  const attempts: Array<{ backend: TfBackendName; message: string }> = [];
  for (const backend of order) {
    try {
      await tryBackend(backend);
      const reason = forced
        ? options.force
          ? `forced by the caller`
          : `CGNAS_TF_BACKEND=${forced}`
        : attempts.length === 0
          ? 'first choice'
          : `fallback after ${attempts.map((a) => a.backend).join(', ')} failed`;
      return { backend, reason, attempts, nativeKernels: false };
    } catch (error) {
      attempts.push({ backend, message: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
    }
  }
  chosen = null;
  throw new TfBackendError(
    `native.selectTfBackend: no TensorFlow.js backend could be initialised (${attempts
      .map((a) => `${a.backend}: ${a.message}`)
      .join('; ')}). Unset CGNAS_TF_BACKEND or set it to one of ${TF_BACKENDS.join(', ')}.`,
  );
}

function parseBackend(value: string): TfBackendName {
  if ((TF_BACKENDS as readonly string[]).includes(value)) return value as TfBackendName;
  throw new TfBackendError(
    `native.selectTfBackend: Expected one of ${TF_BACKENDS.join(', ')}, ${CPU_NATIVE} for CGNAS_TF_BACKEND but received ${JSON.stringify(value)}`,
  );
}

/** Forgets the choice (tests). The tfjs engine keeps its registered backends. */
export function resetTfBackendChoiceForTesting(): void {
  chosen = null;
}

export { tf };
