// Reuses the float32 storage of tfjs `cpu` tensors inside a scope. A fresh multi-megabyte Float32Array
// costs a page fault per 4 KiB on first touch, and the external memory it adds makes V8 run full GCs:
// scoring one NAS-Bench-201 network allocates hundreds of 2 MB activations, and a fresh 2 MB output
// measured ~5 ms against ~0.06 ms for the ReLU that fills it. Inside withFloat32Recycling(), kernels take their outputs from
// takeFloat32(), and an array goes back to the pool when the last tensor data entry on its buffer is
// deleted (views made by Slice keep it out).
import * as tf from '@tensorflow/tfjs';

/** Arrays shorter than this come cheaply from the allocator's free lists: not worth pooling. */
const MIN_LENGTH = 16_384;
/**
 * Free arrays kept across calls (per isolate): scoring a NAS-Bench-201 network at batch 32 cycles through
 * ~450 MB of activations and gradients; clearFloat32Pool() hands them back.
 */
const MAX_POOLED_BYTES = 512 * 2 ** 20;

interface TensorData {
  values?: unknown;
}

/** tfjs's DataStorage, as far as recycling uses it. */
interface DataStorageLike {
  get(dataId: object): TensorData;
  set(dataId: object, value: TensorData): void;
  has(dataId: object): boolean;
  delete(dataId: object): boolean;
}

const free = new Map<number, Float32Array[]>();
let freeBytes = 0;
/** Arrays takeFloat32 made: only these are ever handed out twice. */
const owned = new WeakSet<Float32Array>();
/** Tensor data entries per buffer, counted while recycling is on. */
const entries = new WeakMap<ArrayBufferLike, number>();
let depth = 0;
let mode: Float32RecyclingMode = 'on';

/** 'poison' recycles like 'on' and fills every released array with NaN, so a stale read shows. */
export type Float32RecyclingMode = 'on' | 'off' | 'poison';

function bufferOf(data: TensorData | undefined): ArrayBufferLike | null {
  return data?.values instanceof Float32Array ? data.values.buffer : null;
}

function release(values: unknown): void {
  if (!(values instanceof Float32Array) || !owned.has(values)) return;
  if (freeBytes + values.byteLength > MAX_POOLED_BYTES) return;
  if (mode === 'poison') values.fill(Number.NaN);
  const list = free.get(values.length);
  if (list) list.push(values);
  else free.set(values.length, [values]);
  freeBytes += values.byteLength;
}

/**
 * A Float32Array of `length` for a kernel output. Its contents are unspecified (a recycled array keeps
 * old values): the caller must write every element. Outside withFloat32Recycling it is a new array.
 */
export function takeFloat32(length: number): Float32Array {
  if (depth > 0 && length >= MIN_LENGTH) {
    const reused = free.get(length)?.pop();
    if (reused) {
      freeBytes -= reused.byteLength;
      return reused;
    }
    const fresh = new Float32Array(length);
    owned.add(fresh);
    return fresh;
  }
  return new Float32Array(length);
}

/**
 * Runs `fn` with float32 storage recycling on the `cpu` backend (on any other backend it just runs fn).
 * Contract inside the scope: an array from dataSync() is valid only while its tensor lives; read it
 * before the tensor is disposed (tf.tidy's end, or inside a gradient). Nests; synchronous `fn` only.
 */
export function withFloat32Recycling<T>(fn: () => T): T {
  if (mode === 'off' || tf.getBackend() !== 'cpu') return fn();
  const data = (tf.backend() as unknown as { data: DataStorageLike }).data;
  if (depth > 0) {
    depth++;
    try {
      return fn();
    } finally {
      depth--;
    }
  }
  const ownSet = Object.getOwnPropertyDescriptor(data, 'set');
  const ownDelete = Object.getOwnPropertyDescriptor(data, 'delete');
  const set = data.set;
  const remove = data.delete;
  data.set = function (dataId: object, value: TensorData): void {
    // `move` re-sets an existing entry: count the buffer it drops.
    const before = this.has(dataId) ? bufferOf(this.get(dataId)) : null;
    if (before) entries.set(before, (entries.get(before) ?? 1) - 1);
    const after = bufferOf(value);
    if (after) entries.set(after, (entries.get(after) ?? 0) + 1);
    set.call(this, dataId, value);
  };
  data.delete = function (dataId: object): boolean {
    const values = this.has(dataId) ? this.get(dataId).values : undefined;
    const removed = remove.call(this, dataId);
    const buffer = bufferOf({ values });
    const count = buffer ? entries.get(buffer) : undefined;
    if (buffer && count !== undefined) {
      entries.set(buffer, count - 1);
      if (count === 1) release(values);
    }
    return removed;
  };
  depth = 1;
  try {
    return fn();
  } finally {
    depth = 0;
    restore(data, 'set', ownSet);
    restore(data, 'delete', ownDelete);
  }
}

function restore(data: DataStorageLike, key: 'set' | 'delete', own: PropertyDescriptor | undefined): void {
  if (own) Object.defineProperty(data, key, own);
  else delete (data as unknown as Record<string, unknown>)[key];
}

/** Drops the pooled arrays (tests; or to hand the memory back after a long scoring run). */
export function clearFloat32Pool(): void {
  free.clear();
  freeBytes = 0;
}

/** Turns recycling off, on (the default) or on with poisoning, so tests can compare results. */
export function setFloat32RecyclingForTesting(next: Float32RecyclingMode): void {
  mode = next;
}
