// Runs a graph built with OnnxGraph in onnxruntime-node (an ONNX implementation independent of
// grulab), for the tests of the ONNX writer's parts; or says why it cannot (onnxruntime-node is optional).
import { floatValueInfo, type OnnxDim, type OnnxGraph } from "../../src/onnx/onnxGraph";
import { encodeOnnxModel } from "../../src/onnx/onnxProto";

interface Ort {
  InferenceSession: { create(bytes: Uint8Array): Promise<{ run(feeds: Record<string, unknown>): Promise<Record<string, { data: Float32Array; dims: readonly number[] }>>; release?(): Promise<void> }> };
  Tensor: new (type: string, data: Float32Array, dims: number[]) => unknown;
}

/** onnxruntime-node, or null when it is not installed. */
export function onnxRuntime(): Ort | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("onnxruntime-node") as Ort;
  } catch {
    return null;
  }
}

/** Why the ONNX runtime tests skip, or false when they run. */
export const ORT_SKIP: string | false = onnxRuntime() ? false : "onnxruntime-node is not installed here";

/**
 * The bytes of a model (opset 14) whose graph is `graph` with one float input `input` and one output `output`.
 *
 * @example
 * const bytes = graphModel(g, "x", ["batch", 3], "y", ["batch", 3]);
 */
export function graphModel(graph: OnnxGraph, input: string, inputDims: OnnxDim[], output: string, outputDims: OnnxDim[]): Uint8Array {
  return encodeOnnxModel({
    ir_version: 7, opset_import: [{ domain: "", version: 14 }],
    graph: { name: "test", node: graph.nodes, initializer: graph.initializers, input: [floatValueInfo(input, inputDims)], output: [floatValueInfo(output, outputDims)] },
  });
}

/**
 * Runs the model's graph on x (shape `dims`) in onnxruntime-node and returns the output's values and dims.
 *
 * @example
 * const { data } = await runGraph(bytes, "x", "y", x, [2, 3]);
 */
export async function runGraph(bytes: Uint8Array, input: string, output: string, x: Float32Array, dims: number[]): Promise<{ data: Float32Array; dims: number[] }> {
  const ort = onnxRuntime()!;
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ [input]: new ort.Tensor("float32", x, dims) });
  await session.release?.();
  return { data: out[output].data, dims: [...out[output].dims] };
}
