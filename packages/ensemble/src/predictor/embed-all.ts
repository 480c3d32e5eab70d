// Embeds many networks without gradients, chunk by chunk, so that 15k-network test sets stay within memory.
import { tf } from '@cgnas/native/tf';

import type { TrainableEncoder } from './trainable-encoder.js';

/** Row-major [inputs.length x encoder.outputDim] embeddings. */
export function embedAll<G>(encoder: TrainableEncoder<G>, inputs: readonly G[], chunk = 1024): Float32Array {
  const d = encoder.outputDim;
  const out = new Float32Array(inputs.length * d);
  for (let s = 0; s < inputs.length; s += chunk) {
    const part = inputs.slice(s, s + chunk);
    const e = tf.tidy(() => encoder.encode(part));
    out.set(e.dataSync() as Float32Array, s * d);
    e.dispose();
  }
  return out;
}

/** Splits a row-major matrix into row views. */
export function rowsOf(flat: Float32Array, width: number): Float32Array[] {
  return Array.from({ length: flat.length / width }, (_, i) => flat.subarray(i * width, (i + 1) * width));
}
