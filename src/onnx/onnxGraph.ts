import { ATTRIBUTE_TYPE, ONNX_FLOAT, ONNX_INT64 } from "./onnxProto";

/** An attribute value: number (int unless listed in `floats`), string, or a list of ints / strings. */
export type AttributeValue = number | string | number[] | string[];

/** A dimension of a graph input or output: a size, or a name for a size known only at run time. */
export type OnnxDim = number | string;

/**
 * The graph exportOnnx builds, node by node, as plain objects in onnx.proto's field names
 * (serialized by encodeOnnxModel). Names of values are made unique here.
 */
export class OnnxGraph {
  readonly nodes: Record<string, unknown>[] = [];
  readonly initializers: Record<string, unknown>[] = [];
  private readonly used = new Set<string>();

  /** A value name not used yet, derived from `base`. */
  name(base: string): string {
    const clean = base.replace(/[^A-Za-z0-9_./-]/g, "_");
    let name = clean;
    for (let i = 1; this.used.has(name); i++) name = `${clean}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Reserves a fixed name (the graph's input and output). */
  reserve(name: string): string {
    if (this.used.has(name)) throw new Error(`exportOnnx: internal error, the name ${name} is taken`);
    this.used.add(name);
    return name;
  }

  /** A float32 initializer of `shape` (row-major data). */
  floats(base: string, shape: number[], data: Float32Array): string {
    const count = shape.reduce((a, b) => a * b, 1);
    if (data.length !== count) throw new Error(`exportOnnx: internal error, ${base} has ${data.length} values for shape [${shape.join(", ")}]`);
    return this.tensor(base, shape, ONNX_FLOAT, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }

  /** An int64 initializer of `shape` (a scalar for shape []). */
  int64s(base: string, shape: number[], values: (number | bigint)[]): string {
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    return this.tensor(base, shape, ONNX_INT64, new Uint8Array(data.buffer));
  }

  /** Adds a node `opType` on `inputs` ("" for an omitted optional input) with `outputs` output names made from `base`; returns them. */
  node(opType: string, inputs: string[], base: string, attributes: Record<string, AttributeValue> = {}, options: { outputs?: number; floats?: string[] } = {}): string[] {
    const outputs = Array.from({ length: options.outputs ?? 1 }, (_, i) => this.name(options.outputs && options.outputs > 1 ? `${base}_${i}` : base));
    const attribute = Object.entries(attributes).map(([name, value]) => attributeProto(name, value, options.floats?.includes(name) ?? false));
    this.nodes.push({ op_type: opType, name: this.name(`${base}/${opType}`), input: inputs, output: outputs, attribute });
    return outputs;
  }

  /** Like `node` with one output: its name. */
  op(opType: string, inputs: string[], base: string, attributes: Record<string, AttributeValue> = {}, floats: string[] = []): string {
    return this.node(opType, inputs, base, attributes, { floats })[0];
  }

  private tensor(base: string, shape: number[], dataType: number, raw: Uint8Array): string {
    // Little-endian bytes as ONNX requires: typed arrays are in the machine's order, little-endian on every platform Node supports.
    const name = this.name(base);
    this.initializers.push({ name, dims: shape, data_type: dataType, raw_data: Uint8Array.from(raw) });
    return name;
  }
}

/** The ValueInfoProto of a float32 graph input or output. */
export function floatValueInfo(name: string, dims: OnnxDim[]): Record<string, unknown> {
  return {
    name,
    type: { tensor_type: { elem_type: ONNX_FLOAT, shape: { dim: dims.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d })) } } },
  };
}

function attributeProto(name: string, value: AttributeValue, isFloat: boolean): Record<string, unknown> {
  if (typeof value === "string") return { name, type: ATTRIBUTE_TYPE.STRING, s: Buffer.from(value, "utf8") };
  if (typeof value === "number") return isFloat ? { name, type: ATTRIBUTE_TYPE.FLOAT, f: value } : { name, type: ATTRIBUTE_TYPE.INT, i: value };
  if ((value as unknown[]).every((v) => typeof v === "string")) return { name, type: ATTRIBUTE_TYPE.STRINGS, strings: (value as string[]).map((v) => Buffer.from(v, "utf8")) };
  return isFloat ? { name, type: ATTRIBUTE_TYPE.FLOATS, floats: value } : { name, type: ATTRIBUTE_TYPE.INTS, ints: value };
}
