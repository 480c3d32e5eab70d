// Input checks shared by the public ops: `Expected <what> for <param> but received <value>`.
import { NativeInputError } from '../errors.js';

export function describe(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

export function checkDim(fn: string, param: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) {
    throw new NativeInputError(
      `native.${fn}: Expected a non-negative integer for ${param} but received ${describe(value)}`,
    );
  }
}

export function checkFloat32(
  fn: string,
  param: string,
  value: unknown,
  minLength: number,
): asserts value is Float32Array {
  if (!(value instanceof Float32Array)) {
    throw new NativeInputError(`native.${fn}: Expected a Float32Array for ${param} but received ${describe(value)}`);
  }
  if (value.length < minLength) {
    throw new NativeInputError(
      `native.${fn}: Expected at least ${minLength} elements for ${param} but received ${value.length}`,
    );
  }
}

export function checkInt32(fn: string, param: string, value: unknown, minLength: number): asserts value is Int32Array {
  if (!(value instanceof Int32Array)) {
    throw new NativeInputError(`native.${fn}: Expected an Int32Array for ${param} but received ${describe(value)}`);
  }
  if (value.length < minLength) {
    throw new NativeInputError(
      `native.${fn}: Expected at least ${minLength} elements for ${param} but received ${value.length}`,
    );
  }
}

export function checkFinite(fn: string, param: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new NativeInputError(`native.${fn}: Expected a finite number for ${param} but received ${describe(value)}`);
  }
}
