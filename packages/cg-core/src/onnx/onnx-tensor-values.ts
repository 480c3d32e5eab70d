// Reads the numbers of an ONNX TensorProto, wherever the producer put them (raw little-endian bytes or
// the typed repeated fields), for the few attributes given as tensors (Clip bounds, Pad, ReduceMean axes).
import { OnnxImportError } from './onnx-errors.js';
import { ONNX_DOUBLE, ONNX_FLOAT, ONNX_INT32, ONNX_INT64, type OnnxTensor } from './onnx-schema.js';

export function onnxTensorValues(t: OnnxTensor): number[] {
  const raw = t.raw_data;
  const type = t.data_type ?? 0;
  if (raw && raw.length > 0) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out: number[] = [];
    const width = type === ONNX_FLOAT || type === ONNX_INT32 ? 4 : type === ONNX_INT64 || type === ONNX_DOUBLE ? 8 : 0;
    if (width === 0 || raw.length % width !== 0) {
      throw new OnnxImportError(
        `cg-core.onnxTensorValues: tensor "${t.name ?? ''}" has data type ${type} with ${raw.length} raw bytes; expected float, double, int32 or int64 data`,
      );
    }
    for (let o = 0; o < raw.length; o += width) {
      if (type === ONNX_FLOAT) out.push(view.getFloat32(o, true));
      else if (type === ONNX_INT32) out.push(view.getInt32(o, true));
      else if (type === ONNX_DOUBLE) out.push(view.getFloat64(o, true));
      else out.push(Number(view.getBigInt64(o, true)));
    }
    return out;
  }
  return [...(t.float_data ?? []), ...(t.int32_data ?? []), ...(t.int64_data ?? []), ...(t.double_data ?? [])].map(
    Number,
  );
}
