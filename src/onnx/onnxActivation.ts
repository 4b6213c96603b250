import type { OnnxGraph } from "./onnxGraph";
import { unsupported } from "./onnxValue";
import { ownEntry } from "../util/ownEntry";

/** The element-wise ONNX node(s) of each activation a Dense or Activation layer may name (tfjs's serialized names). */
const ACTIVATIONS: Record<string, (graph: OnnxGraph, x: string, base: string) => string> = {
  linear: (_g, x) => x,
  relu: (g, x, base) => g.op("Relu", [x], base),
  relu6: (g, x, base) => g.op("Clip", [x, g.floats(`${base}/min`, [], Float32Array.of(0)), g.floats(`${base}/max`, [], Float32Array.of(6))], base),
  sigmoid: (g, x, base) => g.op("Sigmoid", [x], base),
  tanh: (g, x, base) => g.op("Tanh", [x], base),
  // tfjs's softmax and ONNX's Softmax (opset ≥ 13) both normalise along the last axis only.
  softmax: (g, x, base) => g.op("Softmax", [x], base, { axis: -1 }),
  softplus: (g, x, base) => g.op("Softplus", [x], base),
  softsign: (g, x, base) => g.op("Softsign", [x], base),
  elu: (g, x, base) => g.op("Elu", [x], base, { alpha: 1 }, ["alpha"]),
  // ONNX Selu's default alpha and gamma are tfjs's selu constants (in float32).
  selu: (g, x, base) => g.op("Selu", [x], base),
  // tfjs's hardSigmoid: clip(0.2·x + 0.5, 0, 1).
  hardSigmoid: (g, x, base) => g.op("HardSigmoid", [x], base, { alpha: 0.2, beta: 0.5 }, ["alpha", "beta"]),
  swish: (g, x, base) => g.op("Mul", [x, g.op("Sigmoid", [x], `${base}/sigmoid`)], base),
};

/** Adds the activation `name` of layer `layer` (class `className`) on `x`; returns its output. An activation ONNX lacks here throws naming it. */
export function addActivation(graph: OnnxGraph, x: string, name: string, layer: string, className: string): string {
  const make = ownEntry(ACTIVATIONS, name); // not "toString" etc.
  if (make === undefined) unsupported(layer, className, `activation: "${name}" (exported: ${Object.keys(ACTIVATIONS).join(", ")})`);
  return make(graph, x, `${layer}/${name}`);
}
