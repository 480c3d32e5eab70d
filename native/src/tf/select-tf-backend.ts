// Picks the TensorFlow.js backend once per process. tfjs-node (libtensorflow) where it installed;
// otherwise wasm (SIMD, ~15-25 GFLOP/s here) and finally cpu (pure JS, ~1 GFLOP/s). The heavy graph
// kernels do not depend on this choice: they run in the C++ engine.
import * as tf from '@tensorflow/tfjs';

export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';

export const TF_BACKENDS: readonly TfBackendName[] = ['tensorflow', 'wasm', 'cpu'];

export interface TfBackendChoice {
  readonly backend: TfBackendName;
  /** Why this one: "CGNAS_TF_BACKEND=cpu", "first that loaded", ... */
  readonly reason: string;
  readonly attempts: ReadonlyArray<{ readonly backend: TfBackendName; readonly message: string }>;
}

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
 * `CGNAS_TF_BACKEND=tensorflow|wasm|cpu` forces one and fails with TfBackendError if it cannot load.
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
  const forced = options.force ?? (fromEnv ? parseBackend(fromEnv) : undefined);
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
      return { backend, reason, attempts };
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
    `native.selectTfBackend: Expected one of ${TF_BACKENDS.join(', ')} for CGNAS_TF_BACKEND but received ${JSON.stringify(value)}`,
  );
}

/** Forgets the choice (tests). The tfjs engine keeps its registered backends. */
export function resetTfBackendChoiceForTesting(): void {
  chosen = null;
}

export { tf };
