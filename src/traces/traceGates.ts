import * as tf from "@tensorflow/tfjs";
import type * as dfd from "danfojs-node";
import { GrulabGRU } from "../models/gru";
import { GrulabLSTM } from "../models/lstm";
import { GrulabSimpleRNN } from "../models/simpleRnn";
import { TRACE_COLUMNS } from "./traceColumns";
import type { LayerGateTrace } from "./layerGateTrace";
import { traceFrame } from "./traceFrame";

/**
 * The traces of every grulab recurrent layer of a model, and the same numbers as one long danfo
 * DataFrame.
 *
 * @example
 * const { layers, frame } = traceGates(model, x); // layers[0].cell, frame.columns
 */
export interface GateTraces {
  layers: LayerGateTrace[];
  /**
   * Columns layer, sample, t, unit, then the traced layers' quantities (the union of their
   * `columns`, in `GATE_NAMES` order: a GRU model gives z, r, hTilde, h; an LSTM model i, f,
   * cTilde, o, c, h; a SimpleRNN model h); one row per layer, sample, time step and unit. In a
   * model with several cell kinds a quantity a layer's cell lacks is NaN in that layer's rows.
   */
  frame: dfd.DataFrame;
}

/** Options of `traceGates` (each documented with its default below). */
export interface TraceGatesOptions {
  /** Trace only the first `maxSamples` samples of `inputs`. */
  maxSamples?: number;
  /** Refuse to build more rows than this (rows = Σ over layers of samples·timesteps·units). Default 200,000. */
  maxRows?: number;
}

/**
 * The default row limit of `traceGates`: ~0.2 s to trace and build the DataFrame, 16 MB of
 * gates.csv for a GRU (an LSTM: 22 MB, a SimpleRNN: 11 MB; measured on 100 samples × 20 steps ×
 * 100 units).
 *
 * @example
 * traceGates(model, x, { maxRows: 4 * TRACE_MAX_ROWS }); // a longer trace, knowingly
 */
export const TRACE_MAX_ROWS = 200_000;

type Traced = GrulabGRU | GrulabLSTM | GrulabSimpleRNN;

interface Target {
  name: string;
  layer: Traced;
  /** The layer whose input feeds `layer` (the wrapper for bidirectional). */
  source: tf.layers.Layer;
}

/**
 * Runs `inputs` through `model` (Sequential or functional, inference mode) and records every step
 * of every grulab recurrent layer (also inside tf.layers.bidirectional) at every sample, time
 * step and unit: a GRU's z, r, h̃ and h, an LSTM's i, f, c̃, o, c and h, a SimpleRNN's h (see
 * `LayerGateTrace`, `TRACE_COLUMNS`). Each layer's input comes from the sub-model up to it, with
 * its initial states where the model gives them. Inputs must match the model's input shape (e.g.
 * 20 time steps on a 14-step model throw). Over `maxRows` rows it throws, saying how many rows
 * were asked for and which `maxSamples` would fit. Nested models are not searched; tf.layers.gru
 * and tf.layers.lstm hide their gates (a model with none of grulab's layers throws, naming them).
 *
 * @example
 * const traces = traceGates(model, xTest, { maxSamples: 5 });
 * traces.frame.head().print();
 * const lstmLayer = traces.layers.find((tr) => tr.cell === "lstm"); // its i, f, cTilde, o, c, h
 */
export function traceGates(model: tf.LayersModel, inputs: tf.Tensor | tf.Tensor[], options: TraceGatesOptions = {}): GateTraces {
  const targets = findRecurrentLayers(model);
  if (targets.length === 0) {
    throw new Error(`traceGates: model "${model.name}" has no grulab recurrent layer; traceGates supports grulab's gru(), lstm() and simpleRnn() layers, ` +
      `also inside tf.layers.bidirectional (tf.layers.gru, tf.layers.lstm and tf.layers.simpleRNN hide their gates)`);
  }
  const given = Array.isArray(inputs) ? inputs : [inputs];
  checkInputShapes(model, given);
  const total = given[0].shape[0];
  const maxSamples = options.maxSamples ?? total;
  if (!Number.isInteger(maxSamples) || maxSamples < 1) throw new Error(`traceGates option maxSamples: ${maxSamples}, expected a positive integer`);
  const samples = Math.min(total, maxSamples);
  const maxRows = options.maxRows ?? TRACE_MAX_ROWS;
  const modelSteps = given[0].shape[1] ?? 1;
  const perSample = targets.reduce((sum, t) => sum + stepsOf(t.source, modelSteps) * t.layer.units, 0);
  if (samples * perSample > maxRows) {
    const fit = Math.floor(maxRows / perSample);
    throw new Error(
      `traceGates: ${samples * perSample} rows requested (${samples} samples × ${perSample} rows per sample over ${targets.length} recurrent layer(s): timesteps × units), ` +
        `over the limit maxRows = ${maxRows}; pass { maxSamples: ${Math.max(fit, 1)} } to trace the first samples, or raise { maxRows }`,
    );
  }
  let layers: LayerGateTrace[] = [];
  tf.tidy(() => {
    const x = given.map((t) => (samples < total ? tf.slice(t, 0, samples) : t));
    layers = targets.map((target) => traceLayer(model, target, x));
  });
  return { layers, frame: traceFrame(layers) };
}

/** Each input must match the model's input shape where the model fixes it (time steps, features): a recurrent layer would run on any length silently. */
function checkInputShapes(model: tf.LayersModel, given: tf.Tensor[]): void {
  if (given.length !== model.inputs.length) {
    throw new Error(`traceGates: ${given.length} input tensor(s) given, model "${model.name}" has ${model.inputs.length} input(s)`);
  }
  model.inputs.forEach((sym, i) => {
    const want = sym.shape;
    const got = given[i].shape;
    const bad = got.length !== want.length || want.some((n, k) => k > 0 && n !== null && n !== got[k]);
    if (bad) {
      const what = want.length === 3 && got.length === 3 && want[1] !== null && want[1] !== got[1] ? ` (${got[1]} time steps, the model takes ${want[1]})` : "";
      throw new Error(`traceGates: input ${i} has shape [${got.join(", ")}], model "${model.name}" expects [${want.map((n) => n ?? "any").join(", ")}]${what}`);
    }
  });
}

const isTraced = (layer: unknown): layer is Traced =>
  layer instanceof GrulabGRU || layer instanceof GrulabLSTM || layer instanceof GrulabSimpleRNN;

function findRecurrentLayers(model: tf.LayersModel): Target[] {
  const found: Target[] = [];
  for (const layer of model.layers) {
    if (isTraced(layer)) found.push({ name: layer.name, layer, source: layer });
    const wrapped = layer as unknown as { forwardLayer?: unknown; backwardLayer?: unknown };
    if (layer.getClassName() === "Bidirectional" && isTraced(wrapped.forwardLayer) && isTraced(wrapped.backwardLayer)) {
      found.push({ name: `${layer.name}/forward`, layer: wrapped.forwardLayer, source: layer });
      found.push({ name: `${layer.name}/backward`, layer: wrapped.backwardLayer, source: layer });
    }
  }
  return found;
}

function symbolicInputs(modelName: string, source: tf.layers.Layer): tf.SymbolicTensor[] {
  let input: tf.SymbolicTensor | tf.SymbolicTensor[];
  try {
    input = source.input;
  } catch (err) {
    throw new Error(`traceGates: cannot find the input of layer "${source.name}" in model "${modelName}" (${(err as Error).message})`);
  }
  return Array.isArray(input) ? input : [input];
}

function stepsOf(source: tf.layers.Layer, fallback: number): number {
  try {
    return symbolicInputs("", source)[0].shape[1] ?? fallback;
  } catch {
    return fallback; // the error surfaces, with the model's name, when the layer is traced
  }
}

function traceLayer(model: tf.LayersModel, target: Target, x: tf.Tensor[]): LayerGateTrace {
  const wanted = symbolicInputs(model.name, target.source);
  // Model inputs are used as given; anything else comes from the sub-model up to the layer.
  const values = wanted.map((sym) => {
    const i = model.inputs.indexOf(sym);
    if (i >= 0) return x[i];
    const upTo = tf.model({ inputs: model.inputs, outputs: sym });
    return upTo.predict(x.length === 1 ? x[0] : x) as tf.Tensor;
  });
  // Further inputs are initial states; a bidirectional wrapper lists the forward layer's states, then the backward one's.
  const k = target.layer instanceof GrulabLSTM ? 2 : 1;
  const from = 1 + (target.name.endsWith("/backward") ? k : 0);
  const states = values.length > 1 ? (values.slice(from, from + k) as tf.Tensor2D[]) : null;
  const x0 = values[0] as tf.Tensor3D;
  const base = { layer: target.name, goBackwards: target.layer.goBackwards };
  const copy = (t: tf.Tensor) => new Float32Array(t.dataSync()); // copies: the tensors are disposed when tidy ends
  const shapeOf = (t: tf.Tensor3D) => t.shape as [number, number, number];
  if (target.layer instanceof GrulabGRU) {
    const seq = target.layer.runSequence(x0, states?.[0] ?? null);
    return { ...base, cell: "gru", columns: TRACE_COLUMNS.gru, shape: shapeOf(seq.h), resetAfter: target.layer.resetAfter,
      z: copy(seq.z), r: copy(seq.r), hTilde: copy(seq.hTilde), h: copy(seq.h) };
  }
  if (target.layer instanceof GrulabLSTM) {
    const seq = target.layer.runSequence(x0, states);
    return { ...base, cell: "lstm", columns: TRACE_COLUMNS.lstm, shape: shapeOf(seq.h),
      i: copy(seq.i), f: copy(seq.f), cTilde: copy(seq.cTilde), o: copy(seq.o), c: copy(seq.c), h: copy(seq.h) };
  }
  const seq = target.layer.runSequence(x0, states);
  return { ...base, cell: "simpleRnn", columns: TRACE_COLUMNS.simpleRnn, shape: shapeOf(seq.h), h: copy(seq.h) };
}
