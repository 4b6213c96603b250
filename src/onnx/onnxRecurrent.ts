import * as tf from "@tensorflow/tfjs";
import { GrulabGRU } from "../models/gru";
import { GrulabLSTM } from "../models/lstm";
import { GrulabRecurrent as RecurrentLayerBase } from "../models/recurrentLayer";
import { GrulabSimpleRNN } from "../models/simpleRnn";
import type { OnnxGraph } from "./onnxGraph";
import { unsupported, type OnnxValue } from "./onnxValue";
import { ownEntry } from "../util/ownEntry";

/** The ONNX operator of each grulab cell, its gate blocks' order in Keras's weights → ONNX's, and how its activations are listed. */
interface CellSpec {
  op: "GRU" | "LSTM" | "RNN";
  /** ONNX block k takes Keras block order[k]. GRU: z|r|h both; LSTM: Keras i|f|c|o → ONNX i|o|f|c; RNN: one block. */
  order: number[];
  /** The layer's activation names in the order of ONNX's `activations` for one direction. */
  activations: (layer: RecurrentLayerBase) => [string, string][];
}

const CELLS: { cls: new (...args: never[]) => RecurrentLayerBase; spec: CellSpec }[] = [
  { cls: GrulabGRU, spec: { op: "GRU", order: [0, 1, 2], activations: (l) => [["recurrentActivation", (l as GrulabGRU).recurrentActivation], ["activation", l.activation]] } },
  { cls: GrulabLSTM, spec: { op: "LSTM", order: [0, 3, 1, 2], activations: (l) => [["recurrentActivation", (l as GrulabLSTM).recurrentActivation], ["activation", l.activation], ["activation", l.activation]] } },
  { cls: GrulabSimpleRNN, spec: { op: "RNN", order: [0], activations: (l) => [["activation", l.activation]] } },
];

/**
 * grulab's activation names → the names ONNX's GRU/LSTM/RNN accept, with the parameters that make
 * them tfjs's: HardSigmoid 0.2·x + 0.5 clipped (tfjs's hardSigmoid), Elu alpha 1, Affine 1·x + 0.
 * selu has no RNN activation in ONNX.
 */
const RNN_ACTIVATIONS: Record<string, { op: string; alpha?: number; beta?: number }> = {
  tanh: { op: "Tanh" }, sigmoid: { op: "Sigmoid" }, hardSigmoid: { op: "HardSigmoid", alpha: 0.2, beta: 0.5 }, relu: { op: "Relu" },
  linear: { op: "Affine", alpha: 1, beta: 0 }, softsign: { op: "Softsign" }, elu: { op: "Elu", alpha: 1 },
};

/** True for a grulab GRU, LSTM or SimpleRNN layer. */
export function isGrulabRecurrent(layer: tf.layers.Layer): layer is RecurrentLayerBase {
  return CELLS.some((c) => layer instanceof c.cls);
}

/**
 * Adds one ONNX GRU/LSTM/RNN node for `layers` (one layer, or a bidirectional wrapper's forward and
 * backward layers) reading `input` ([batch, time, D] or time-major [time, batch, D]) and returns
 * the layer's output: every step ([time, batch, units·dirs] time-major; goBackwards reversed, as
 * Keras) or the last ([batch, units·dirs]). `merge` combines the directions as tf.layers.bidirectional.
 */
export function addRecurrent(graph: OnnxGraph, input: OnnxValue, layers: RecurrentLayerBase[], name: string, className: string, merge: string | null): OnnxValue {
  const first = layers[0];
  const cell = CELLS.find((c) => first instanceof c.cls)!.spec;
  if (first.returnState) unsupported(name, className, "returnState: true (the export has one output); build the model without it");
  if (input.rank !== 3) unsupported(name, className, `an input of rank ${input.rank}; expected [batch, time, features]`);
  const onnxActivations: string[] = [];
  // activation_alpha and activation_beta are consumed in the order of the activations, by those that take them (ONNX's wording, onnxruntime's reading).
  const alphas: number[] = [];
  const betas: number[] = [];
  for (const layer of layers) {
    for (const [option, act] of cell.activations(layer)) {
      const mapped = ownEntry(RNN_ACTIVATIONS, act); // not "toString" etc.
      if (mapped === undefined) unsupported(name, className, `${option}: "${act}" (ONNX's ${cell.op} takes ${Object.keys(RNN_ACTIVATIONS).join(", ")})`);
      onnxActivations.push(mapped.op);
      if (mapped.alpha !== undefined) alphas.push(mapped.alpha);
      if (mapped.beta !== undefined) betas.push(mapped.beta);
    }
  }
  const H = first.units;
  const G = cell.order.length;
  const D = first.kernel!.shape[0] as number;
  const dirs = layers.length;
  const W = new Float32Array(dirs * G * H * D);
  const R = new Float32Array(dirs * G * H * H);
  const B = first.useBias ? new Float32Array(dirs * 2 * G * H) : null;
  layers.forEach((layer, k) => {
    const kernel = layer.kernel!.read().dataSync() as Float32Array;
    const recurrent = layer.recurrentKernel!.read().dataSync() as Float32Array;
    transposeBlocks(kernel, D, H, cell.order, W.subarray(k * G * H * D, (k + 1) * G * H * D));
    transposeBlocks(recurrent, H, H, cell.order, R.subarray(k * G * H * H, (k + 1) * G * H * H));
    if (B) {
      const bias = layer.bias!.read().dataSync() as Float32Array;
      const out = B.subarray(k * 2 * G * H, (k + 1) * 2 * G * H);
      // ONNX's B is [W-bias | R-bias]. A reset-after GRU's bias [2, 3H] holds both; the others have an input bias only.
      const resetAfter = layer instanceof GrulabGRU && layer.resetAfter;
      for (let g = 0; g < G; g++) {
        out.set(bias.subarray(cell.order[g] * H, (cell.order[g] + 1) * H), g * H);
        if (resetAfter) out.set(bias.subarray(G * H + cell.order[g] * H, G * H + (cell.order[g] + 1) * H), (G + g) * H);
      }
    }
  });
  const x = input.timeMajor ? input.name : graph.op("Transpose", [input.name], `${name}/time_major`, { perm: [1, 0, 2] });
  const attributes: Record<string, number | number[] | string | string[]> = {
    hidden_size: H,
    direction: dirs === 2 ? "bidirectional" : first.goBackwards ? "reverse" : "forward",
    activations: onnxActivations,
  };
  if (alphas.length) attributes.activation_alpha = alphas;
  if (betas.length) attributes.activation_beta = betas;
  if (cell.op === "GRU") attributes.linear_before_reset = (first as GrulabGRU).resetAfter ? 1 : 0;
  const inputs = [x, graph.floats(`${name}/W`, [dirs, G * H, D], W), graph.floats(`${name}/R`, [dirs, G * H, H], R), B ? graph.floats(`${name}/B`, [dirs, 2 * G * H], B) : ""];
  const outputCount = cell.op === "LSTM" ? 3 : 2;
  const [Y, Yh] = graph.node(cell.op, inputs, `${name}/${cell.op}`, attributes, { outputs: outputCount, floats: ["activation_alpha", "activation_beta"] });
  // ONNX's Y is [time, dirs, batch, units] and Y_h [dirs, batch, units]; an output nobody reads is left unnamed.
  const node = graph.nodes[graph.nodes.length - 1] as { output: string[] };
  if (first.returnSequences) node.output = node.output.slice(0, 1);
  else node.output = ["", Yh];
  const sequences = first.returnSequences;
  const value = sequences ? Y : Yh;
  const dirAxis = sequences ? 1 : 0;
  let out: string;
  if (dirs === 1) {
    out = graph.op("Squeeze", [value, graph.int64s(`${name}/dir_axis`, [1], [dirAxis])], `${name}/out`);
    // Keras's goBackwards returns the steps in processing order; ONNX's reverse direction in input order.
    if (sequences && first.goBackwards) {
      out = graph.op("Slice", [out, graph.int64s(`${name}/start`, [1], [-1]), graph.int64s(`${name}/end`, [1], [-(2n ** 63n)]),
        graph.int64s(`${name}/axis`, [1], [0]), graph.int64s(`${name}/step`, [1], [-1])], `${name}/processing_order`);
    }
  } else {
    const direction = (k: number) => graph.op("Gather", [value, graph.int64s(`${name}/direction_${k}`, [], [k])], `${name}/${k ? "backward" : "forward"}`, { axis: dirAxis });
    const [fw, bw] = [direction(0), direction(1)];
    switch (merge) {
      case "concat": out = graph.op("Concat", [fw, bw], `${name}/concat`, { axis: -1 }); break;
      case "sum": out = graph.op("Add", [fw, bw], `${name}/sum`); break;
      case "mul": out = graph.op("Mul", [fw, bw], `${name}/mul`); break;
      case "ave": out = graph.op("Mul", [graph.op("Add", [fw, bw], `${name}/sum`), graph.floats(`${name}/half`, [], Float32Array.of(0.5))], `${name}/ave`); break;
      default: unsupported(name, className, `mergeMode: ${merge === null ? "null" : `"${merge}"`} (two outputs); use concat, sum, mul or ave`);
    }
  }
  return { name: out, rank: sequences ? 3 : 2, timeMajor: sequences };
}

/** Keras [rows, G·H] (gate blocks along columns) → ONNX [G·H, rows] with block g taken from Keras block order[g]. */
function transposeBlocks(src: Float32Array, rows: number, H: number, order: number[], dst: Float32Array): void {
  const cols = order.length * H;
  for (let g = 0; g < order.length; g++) {
    for (let j = 0; j < H; j++) {
      const c = order[g] * H + j;
      const o = (g * H + j) * rows;
      for (let r = 0; r < rows; r++) dst[o + r] = src[r * cols + c];
    }
  }
}
