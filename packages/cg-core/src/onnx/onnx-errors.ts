// Typed errors of ONNX import/export. Tests check the class; messages name the problem and the fix.

/** The bytes are not a usable ONNX model (truncated, not protobuf, no graph, unsupported shapes). */
export class OnnxImportError extends Error {
  override readonly name = 'OnnxImportError';
}

/** A CG cannot be written as ONNX (an `<oov>` node, bad weights). */
export class OnnxExportError extends Error {
  override readonly name = 'OnnxExportError';
}
