import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { hasNative } from '../load-binding.js';
import { clearFloat32Pool, takeFloat32, withFloat32Recycling } from './float32-recycling.js';
import { registerNativeTfKernels, unregisterNativeTfKernels } from './register-native-kernels.js';
import { tf } from './select-tf-backend.js';

const N = 20_000; // above the pooling threshold

/** A tensor on a takeFloat32 array filled with `value`. */
function pooledTensor(value: number, length = N): tf.Tensor1D {
  const a = takeFloat32(length);
  a.fill(value);
  return tf.tensor1d(a);
}

describe('withFloat32Recycling', () => {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    await tf.setBackend('cpu');
    // The native kernels take their outputs from takeFloat32 (tfjs's own JS kernels do not).
    if (hasNative()) registerNativeTfKernels();
    return async () => {
      unregisterNativeTfKernels();
      if (previous) await tf.setBackend(previous);
    };
  });
  afterEach(() => clearFloat32Pool());

  it('hands a disposed tensor’s array to the next takeFloat32 of that length, and only inside the scope', () => {
    const outside = pooledTensor(1);
    const outsideArray = outside.dataSync();
    outside.dispose();
    expect(takeFloat32(N)).not.toBe(outsideArray);
    withFloat32Recycling(() => {
      const t = pooledTensor(2);
      const array = t.dataSync();
      expect(takeFloat32(N)).not.toBe(array); // still in use
      t.dispose();
      expect(takeFloat32(N + 1)).not.toBe(array); // another length
      expect(takeFloat32(N)).toBe(array);
      expect(takeFloat32(N)).not.toBe(array); // handed out once
    });
  });

  it('never recycles arrays it did not make, small arrays, or arrays another tensor still shares', () => {
    withFloat32Recycling(() => {
      const mine = new Float32Array(N);
      tf.tensor1d(mine).dispose();
      expect(takeFloat32(N)).not.toBe(mine);

      const small = pooledTensor(1, 100);
      const smallArray = small.dataSync();
      small.dispose();
      expect(takeFloat32(100)).not.toBe(smallArray);

      // A clone shares the data entry; a contiguous slice is a view on the same buffer.
      const t = pooledTensor(3);
      const array = t.dataSync();
      const clone = t.clone();
      const view = tf.slice(t, 0, N / 2);
      expect(view.dataSync().buffer).toBe(array.buffer);
      t.dispose();
      clone.dispose();
      expect(takeFloat32(N)).not.toBe(array);
      expect(Array.from(view.dataSync().subarray(0, 3))).toEqual([3, 3, 3]);
      view.dispose();
    });
  });

  it('restores the backend storage after the scope, also when fn throws, and nests', () => {
    const data = (tf.backend() as unknown as { data: object }).data;
    const own = (): string[] => Object.getOwnPropertyNames(data).filter((k) => k === 'set' || k === 'delete');
    expect(own()).toEqual([]);
    expect(() =>
      withFloat32Recycling(() => {
        withFloat32Recycling(() => expect(own().sort()).toEqual(['delete', 'set']));
        expect(own().sort()).toEqual(['delete', 'set']);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(own()).toEqual([]);
    const t = pooledTensor(4);
    const array = t.dataSync();
    t.dispose();
    expect(takeFloat32(N)).not.toBe(array);
  });

  it('gives the same gradients as without recycling (kernels write every output element)', () => {
    const run = (): Float32Array[] =>
      tf.tidy(() => {
        const x = tf.randomNormal([2, 16, 16, 40], 0, 1, 'float32', 1) as tf.Tensor4D;
        const f = tf.randomNormal([3, 3, 40, 40], 0, 0.1, 'float32', 2) as tf.Tensor4D;
        const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
          const y = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same');
          return tf.sum(tf.mul(tf.add(y, tf.conv2d(y, b as tf.Tensor4D, 1, 'same')), y));
        })([x, f]);
        // Copies: the gradients' own arrays go back to the pool when the tidy ends.
        return g.map((t) => Float32Array.from(t.dataSync()));
      });
    const plain = run();
    // Twice: the second run takes its arrays from the pool the first one filled.
    const recycled = withFloat32Recycling(() => [run(), run()]);
    for (const r of recycled) {
      for (const [i, g] of r.entries()) {
        let differ = 0;
        for (let j = 0; j < g.length; j++) if (!Object.is(g[j], plain[i]![j])) differ++;
        expect(differ).toBe(0);
      }
    }
  }, 60_000);
});
