import * as protobuf from "protobufjs/light";

// The part of ONNX's schema (onnx/onnx.proto, proto2, package onnx; MIT, ONNX Project Contributors)
// that exportOnnx writes, as a protobufjs JSON descriptor: field names and numbers as in
// onnx.proto, so the bytes are a standard ONNX ModelProto. Fields not listed here are never set.
const ONNX_SCHEMA = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: { type: "string", id: 1 },
            f: { type: "float", id: 2 },
            i: { type: "int64", id: 3 },
            s: { type: "bytes", id: 4 },
            t: { type: "TensorProto", id: 5 },
            floats: { rule: "repeated", type: "float", id: 7 },
            ints: { rule: "repeated", type: "int64", id: 8 },
            strings: { rule: "repeated", type: "bytes", id: 9 },
            type: { type: "int32", id: 20 },
          },
        },
        ValueInfoProto: { fields: { name: { type: "string", id: 1 }, type: { type: "TypeProto", id: 2 }, doc_string: { type: "string", id: 3 } } },
        NodeProto: {
          fields: {
            input: { rule: "repeated", type: "string", id: 1 },
            output: { rule: "repeated", type: "string", id: 2 },
            name: { type: "string", id: 3 },
            op_type: { type: "string", id: 4 },
            attribute: { rule: "repeated", type: "AttributeProto", id: 5 },
            doc_string: { type: "string", id: 6 },
            domain: { type: "string", id: 7 },
          },
        },
        ModelProto: {
          fields: {
            ir_version: { type: "int64", id: 1 },
            producer_name: { type: "string", id: 2 },
            producer_version: { type: "string", id: 3 },
            domain: { type: "string", id: 4 },
            model_version: { type: "int64", id: 5 },
            doc_string: { type: "string", id: 6 },
            graph: { type: "GraphProto", id: 7 },
            opset_import: { rule: "repeated", type: "OperatorSetIdProto", id: 8 },
            metadata_props: { rule: "repeated", type: "StringStringEntryProto", id: 14 },
          },
        },
        StringStringEntryProto: { fields: { key: { type: "string", id: 1 }, value: { type: "string", id: 2 } } },
        GraphProto: {
          fields: {
            node: { rule: "repeated", type: "NodeProto", id: 1 },
            name: { type: "string", id: 2 },
            initializer: { rule: "repeated", type: "TensorProto", id: 5 },
            doc_string: { type: "string", id: 10 },
            input: { rule: "repeated", type: "ValueInfoProto", id: 11 },
            output: { rule: "repeated", type: "ValueInfoProto", id: 12 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: "repeated", type: "int64", id: 1 },
            data_type: { type: "int32", id: 2 },
            name: { type: "string", id: 8 },
            raw_data: { type: "bytes", id: 9 },
            doc_string: { type: "string", id: 12 },
          },
        },
        TensorShapeProto: {
          fields: { dim: { rule: "repeated", type: "Dimension", id: 1 } },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ["dim_value", "dim_param"] } },
              fields: { dim_value: { type: "int64", id: 1 }, dim_param: { type: "string", id: 2 } },
            },
          },
        },
        TypeProto: {
          oneofs: { value: { oneof: ["tensor_type"] } },
          fields: { tensor_type: { type: "Tensor", id: 1 } },
          nested: {
            Tensor: { fields: { elem_type: { type: "int32", id: 1 }, shape: { type: "TensorShapeProto", id: 2 } } },
          },
        },
        OperatorSetIdProto: { fields: { domain: { type: "string", id: 1 }, version: { type: "int64", id: 2 } } },
      },
    },
  },
};

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
