import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { OneHotLayer } from "../models/oneHotLayer";
import type { GrulabRecurrent as RecurrentLayerBase } from "../models/recurrentLayer";
import { addActivation } from "./onnxActivation";
import { floatValueInfo, OnnxGraph, type OnnxDim } from "./onnxGraph";
import { encodeOnnxModel, ONNX_INT64 } from "./onnxProto";
import { addRecurrent, isGrulabRecurrent } from "./onnxRecurrent";
import { unsupported, type OnnxValue } from "./onnxValue";

/**
 * The ONNX operator set exportOnnx writes (opset 14, with IR version 7).
 *
 * @example
 * console.log(`written with ONNX opset ${ONNX_OPSET}`);
 */
export const ONNX_OPSET = 14;
const IR_VERSION = 7;

/** What `exportOnnx` wrote. */
export interface ExportOnnxResult {
  /** The file written (absolute path). */
  file: string;
  /** Its size in bytes. */
  bytes: number;
  /** Name and dims of the graph's input ("batch" / "time" where the model leaves them open). */
  input: { name: string; dims: OnnxDim[] };
  /** Name and dims of the graph's output. */
  output: { name: string; dims: OnnxDim[] };
  /** The ONNX operators used, in graph order, one entry per node. */
  operators: string[];
}

/** Options of `exportOnnx`. */
export interface ExportOnnxOptions {
  /** Name of the graph's input, default "input". */
  inputName?: string;
  /** Name of the graph's output, default "output". */
  outputName?: string;
}

const SUPPORTED = "GrulabGRU, GrulabLSTM, GrulabSimpleRNN (also inside Bidirectional), Dense, GrulabFusedDense, Activation, Dropout, Embedding, GrulabOneHot";

/**
 * Writes `model` (a chain of layers: tf.sequential, or tf.model whose layers each feed the next)
 * to `file` as an ONNX model (opset 14), atomically. Exported: grulab's GRU (both conventions:
 * resetAfter true → ONNX GRU linear_before_reset 1), LSTM and SimpleRNN layers (returnSequences,
 * goBackwards, stacked, inside tf.layers.bidirectional with mergeMode concat / sum / mul / ave),
 * Dense and Activation layers, Dropout (identity at inference), Embedding and grulab's one-hot
 * input layer. The graph has one float32 input (the model's, e.g. [batch, time, features], or ids
 * [batch, time] for a one-hot or embedding input) and one float32 output, named "input" and
 * "output"; open dimensions are named "batch" and "time". Anything else throws before a byte is
 * written, naming the layer, its class and the option.
 *
 * @example
 * const model = tf.sequential({ layers: [gru({ units: 16, inputShape: [30, 8] }), tf.layers.dense({ units: 5, activation: "softmax" })] });
 * exportOnnx(model, "runs/model.onnx");
 * // Python: onnxruntime.InferenceSession("runs/model.onnx").run(None, {"input": x})[0]
 */
export function exportOnnx(model: tf.LayersModel, file: string, options: ExportOnnxOptions = {}): ExportOnnxResult {
  if (!(model instanceof tf.LayersModel)) throw new Error("exportOnnx: expected a tf.LayersModel (tf.sequential or tf.model) as the first argument");
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(`exportOnnx: model "${model.name}" has ${model.inputs.length} inputs and ${model.outputs.length} outputs; the export takes one of each`);
  }
  const graph = new OnnxGraph();
  const inputName = graph.reserve(options.inputName ?? "input");
  const outputName = graph.reserve(options.outputName ?? "output");
  const inputShape = model.inputs[0].shape;
  if (model.inputs[0].dtype !== "float32") throw new Error(`exportOnnx: model "${model.name}": input dtype ${model.inputs[0].dtype}, expected float32`);
  let value: OnnxValue = { name: inputName, rank: inputShape.length, timeMajor: false };
  for (const layer of chainOf(model)) value = addLayer(graph, value, layer);
  let last = value.name;
  if (value.timeMajor) last = graph.op("Transpose", [last], "batch_major", { perm: [1, 0, ...Array.from({ length: value.rank - 2 }, (_, i) => i + 2)] });
  graph.nodes.push({ op_type: "Identity", name: graph.name("output/Identity"), input: [last], output: [outputName], attribute: [] });
  const dims = (shape: (number | null)[]): OnnxDim[] => shape.map((d, i) => d ?? (i === 0 ? "batch" : i === 1 ? "time" : `dim${i}`));
  const inputDims = dims(inputShape);
  const outputDims = dims(model.outputs[0].shape);
  const bytes = encodeOnnxModel({
    ir_version: IR_VERSION,
    opset_import: [{ domain: "", version: ONNX_OPSET }],
    producer_name: "grulab",
    producer_version: grulabVersion(),
    doc_string: `grulab model "${model.name}": ${chainOf(model).map((l) => `${l.name} (${l.getClassName()})`).join(" → ")}`,
    graph: {
      name: model.name,
      node: graph.nodes,
      initializer: graph.initializers,
      input: [floatValueInfo(inputName, inputDims)],
      output: [floatValueInfo(outputName, outputDims)],
    },
  });
  const target = path.resolve(file);
  writeFileAtomic(target, bytes);
  return {
    file: target, bytes: bytes.length,
    input: { name: inputName, dims: inputDims }, output: { name: outputName, dims: outputDims },
    operators: graph.nodes.map((n) => n.op_type as string),
  };
}

/** The model's layers in order, checked to form a chain (each layer fed by the one before, the first by the input). */
function chainOf(model: tf.LayersModel): tf.layers.Layer[] {
  const layers = model.layers.filter((l) => l.getClassName() !== "InputLayer");
  layers.forEach((layer, i) => {
    const inbound = layer.inboundNodes.flatMap((n) => n.inboundLayers);
    const expected = i === 0 ? "the model's input" : `layer "${layers[i - 1].name}"`;
    const fine = layer.inboundNodes.length === 1 && inbound.length === 1 &&
      (i === 0 ? inbound[0].getClassName() === "InputLayer" : inbound[0] === layers[i - 1]);
    if (!fine) {
      throw new Error(`exportOnnx: layer "${layer.name}" (class ${layer.getClassName()}) is not fed by ${expected} alone (or is used more than once); ` +
        "the export takes a chain of layers (tf.sequential, or tf.model without branches or shared layers)");
    }
  });
  if (layers.length && model.outputs[0].sourceLayer !== layers[layers.length - 1]) {
    throw new Error(`exportOnnx: model "${model.name}": its output is not the last layer's; the export takes a chain of layers`);
  }
  return layers;
}

function addLayer(graph: OnnxGraph, input: OnnxValue, layer: tf.layers.Layer): OnnxValue {
  const name = layer.name;
  const cls = layer.getClassName();
  const config = layer.getConfig();
  if (isGrulabRecurrent(layer)) return addRecurrent(graph, input, [layer], name, cls, null);
  if (layer instanceof OneHotLayer) {
    const ids = graph.op("Cast", [input.name], `${name}/ids`, { to: ONNX_INT64 });
    // Departs from tf.oneHot for negative ids: ONNX counts −depth … −1 from the end, tf.oneHot gives a row of zeros.
    const out = graph.op("OneHot", [ids, graph.int64s(`${name}/depth`, [], [layer.depth]), graph.floats(`${name}/values`, [2], Float32Array.of(0, 1))], name, { axis: -1 });
    return { name: out, rank: input.rank + 1, timeMajor: input.timeMajor };
  }
  switch (cls) {
    case "Bidirectional": {
      // tf.layers.bidirectional keeps its two layers private; their weights and options are read here.
      const inner = layer as unknown as { forwardLayer: tf.layers.Layer; backwardLayer: tf.layers.Layer };
      const fw = inner.forwardLayer;
      if (!isGrulabRecurrent(fw)) {
        unsupported(name, cls, `wrapped layer "${fw.name}" (class ${fw.getClassName()}); the export takes grulab's GRU, LSTM or SimpleRNN inside Bidirectional`);
      }
      if (fw.goBackwards) unsupported(name, cls, `goBackwards: true on the wrapped layer "${fw.name}"`);
      return addRecurrent(graph, input, [fw, inner.backwardLayer as RecurrentLayerBase], name, cls, (config.mergeMode as string | null) ?? null);
    }
    case "Dense": case "GrulabFusedDense": { // grulab's fused dense has tf.layers.dense's weights, math and config
      const [kernel, bias] = layer.getWeights();
      const [inputs, units] = kernel.shape;
      let out = graph.op("MatMul", [input.name, graph.floats(`${name}/kernel`, [inputs, units], kernel.dataSync() as Float32Array)], `${name}/matmul`);
      if (bias) out = graph.op("Add", [out, graph.floats(`${name}/bias`, [units], bias.dataSync() as Float32Array)], `${name}/bias_add`);
      return { ...input, name: addActivation(graph, out, String(config.activation ?? "linear"), name, cls) };
    }
    case "Activation":
      return { ...input, name: addActivation(graph, input.name, String(config.activation), name, cls) };
    case "Dropout":
      return input; // identity at inference
    case "Embedding": {
      if (config.maskZero) unsupported(name, cls, "maskZero: true (grulab's recurrent layers take no mask)");
      const [table] = layer.getWeights();
      const ids = graph.op("Cast", [input.name], `${name}/ids`, { to: ONNX_INT64 });
      const out = graph.op("Gather", [graph.floats(`${name}/embeddings`, table.shape, table.dataSync() as Float32Array), ids], name, { axis: 0 });
      return { name: out, rank: input.rank + 1, timeMajor: input.timeMajor };
    }
    case "GRU": case "LSTM": case "SimpleRNN": {
      const grulab = cls === "GRU" ? "gru({ resetAfter: false, recurrentActivation: \"hardSigmoid\" })" : cls === "LSTM" ? "lstm({ recurrentActivation: \"hardSigmoid\" })" : "simpleRnn()";
      unsupported(name, cls, `layer: tfjs's own ${cls}; build the model with grulab's ${grulab} (tfjs's defaults) and copy the weights: setWeights(tfjsLayer.getWeights())`);
    }
    default:
      unsupported(name, cls, `layer; exported layers: ${SUPPORTED}`);
  }
}

function grulabVersion(): string {
  for (const up of ["../..", "../../.."]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, up, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "grulab" && pkg.version) return pkg.version;
    } catch { /* not there: try the next folder */ }
  }
  return "";
}
