import * as protobuf from "protobufjs/light";

// The part of ONNX's schema (onnx/onnx.proto, proto2, package onnx; MIT, ONNX Project Contributors)
// that exportOnnx writes, as a protobufjs JSON descriptor (onnxSchema.json): field names and
// numbers as in onnx.proto, so the bytes are a standard ONNX ModelProto. Fields not listed there are never set.
import ONNX_SCHEMA from "./onnxSchema.json";

/** TensorProto.DataType values used here. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;
/** AttributeProto.AttributeType values used here. */
export const ATTRIBUTE_TYPE = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

let modelType: protobuf.Type | null = null;

/**
 * Serializes a plain object shaped like onnx.ModelProto (snake_case field names as in
 * onnx.proto) to the bytes of an .onnx file. Unknown fields throw (protobufjs's verify).
 *
 * @example
 * const bytes = encodeOnnxModel({ ir_version: 7, opset_import: [{ domain: "", version: 14 }], graph });
 */
export function encodeOnnxModel(model: Record<string, unknown>): Uint8Array {
  modelType ??= protobuf.Root.fromJSON(ONNX_SCHEMA).lookupType("onnx.ModelProto");
  const problem = modelType.verify(model);
  if (problem) throw new Error(`exportOnnx: internal error, the ModelProto does not fit ONNX's schema: ${problem}`);
  return modelType.encode(modelType.fromObject(model)).finish();
}

/**
 * Decodes the bytes of an .onnx file written by `encodeOnnxModel` into a plain object (int64 as
 * numbers, bytes as Uint8Array), for inspection.
 *
 * @example
 * const model = decodeOnnxModel(fs.readFileSync("model.onnx"));
 */
export function decodeOnnxModel(bytes: Uint8Array): Record<string, unknown> {
  modelType ??= protobuf.Root.fromJSON(ONNX_SCHEMA).lookupType("onnx.ModelProto");
  return modelType.toObject(modelType.decode(bytes), { longs: Number, arrays: true }) as Record<string, unknown>;
}
