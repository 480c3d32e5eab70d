// Decodes ONNX bytes into plain objects with protobufjs and checks the envelope (a ModelProto with a
// graph), so the importer only ever sees a structurally sane model; every failure is an OnnxImportError.
import { OnnxImportError } from './onnx-errors.js';
import { onnxModelType, type OnnxModel } from './onnx-schema.js';

export function decodeOnnxModel(bytes: Uint8Array): OnnxModel {
  if (!(bytes instanceof Uint8Array)) {
    throw new OnnxImportError(
      `cg-core.decodeOnnxModel: Expected a Uint8Array (the .onnx file's bytes) but received ${typeof bytes}`,
    );
  }
  if (bytes.length === 0) {
    throw new OnnxImportError('cg-core.decodeOnnxModel: the file is empty; pass the bytes of a .onnx model');
  }
  const type = onnxModelType();
  let model: OnnxModel;
  try {
    const message = type.decode(bytes);
    model = type.toObject(message, { longs: Number, enums: Number, defaults: false, arrays: true }) as OnnxModel;
  } catch (e) {
    throw new OnnxImportError(
      `cg-core.decodeOnnxModel: the bytes are not a valid ONNX protobuf (${(e as Error).message}); the file may be truncated or not an .onnx model — re-export it (torch.onnx.export / tf2onnx)`,
    );
  }
  if (!model.graph) {
    throw new OnnxImportError(
      'cg-core.decodeOnnxModel: the protobuf decodes but has no graph (field 7 of ModelProto); it is not an ONNX model file — pass a model, not a tensor or graph fragment',
    );
  }
  if (!model.ir_version || model.ir_version < 1 || !Number.isSafeInteger(model.ir_version)) {
    throw new OnnxImportError(
      `cg-core.decodeOnnxModel: ir_version is ${String(model.ir_version)}; an ONNX model declares a positive IR version — the file is not an ONNX model or is corrupt`,
    );
  }
  return model;
}
