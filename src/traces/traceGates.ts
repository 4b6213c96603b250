import * as tf from "@tensorflow/tfjs";
import type * as dfd from "danfojs-node";
import { danfo } from "../util/danfo";
import { GrulabGRU } from "../models/gru";

/** One GRU layer's gates over a batch: each array is [samples, timesteps, units], row-major. */
export interface LayerGateTrace {
  /** The layer's name; inside tf.layers.bidirectional `<wrapper>/forward` and `<wrapper>/backward`. */
  layer: string;
  shape: [samples: number, timesteps: number, units: number];
  /** t counts processing steps: for a goBackwards layer t = 0 is the last input step (as the layer's own output). */
  goBackwards: boolean;
  resetAfter: boolean;
  z: Float32Array;
  r: Float32Array;
  hTilde: Float32Array;
  h: Float32Array;
}

/** The traces of every grulab GRU layer of a model, and the same numbers as one long danfo DataFrame. */
export interface GateTraces {
  layers: LayerGateTrace[];
  /** Columns layer, sample, t, unit, z, r, hTilde, h: one row per layer, sample, time step and unit. */
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
 * The default row limit of `traceGates`: ~0.4 s to build the DataFrame, ~15 MB of gates.csv.
 *
 * @example
 * traceGates(model, x, { maxRows: 4 * TRACE_MAX_ROWS }); // a longer trace, knowingly
 */
export const TRACE_MAX_ROWS = 200_000;

interface Target {
  name: string;
  layer: GrulabGRU;
  /** The layer whose input feeds `layer` (the wrapper for bidirectional). */
  source: tf.layers.Layer;
}

/**
 * Runs `inputs` through `model` (Sequential or functional, inference mode) and records z, r, h̃ and
 * h of every grulab GRU layer (also inside tf.layers.bidirectional) at every sample, time step
 * and unit. Each layer's input comes from the sub-model up to it. Inputs must match the model's
 * input shape (e.g. 20 time steps on a 14-step model throw). Over `maxRows` rows it throws,
 * saying how many rows were asked for and which `maxSamples` would fit. Nested models are not searched.
 *
 * @example
 * const traces = traceGates(model, xTest, { maxSamples: 5 });
 * traces.frame.head().print();
 */
export function traceGates(model: tf.LayersModel, inputs: tf.Tensor | tf.Tensor[], options: TraceGatesOptions = {}): GateTraces {
  const targets = findGruLayers(model);
  if (targets.length === 0) {
    throw new Error(`traceGates: model "${model.name}" has no grulab GRU layer (tf.layers.gru hides its gates; build the model with gru())`);
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
      `traceGates: ${samples * perSample} rows requested (${samples} samples × ${perSample} rows per sample over ${targets.length} GRU layer(s): timesteps × units), ` +
        `over the limit maxRows = ${maxRows}; pass { maxSamples: ${Math.max(fit, 1)} } to trace the first samples, or raise { maxRows }`,
    );
  }
  let layers: LayerGateTrace[] = [];
  tf.tidy(() => {
    const x = given.map((t) => (samples < total ? tf.slice(t, 0, samples) : t));
    layers = targets.map((target) => traceLayer(model, target, x));
  });
  return { layers, frame: toFrame(layers) };
}

/** Each input must match the model's input shape where the model fixes it (time steps, features): the GRU would run on any length silently. */
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

function findGruLayers(model: tf.LayersModel): Target[] {
  const found: Target[] = [];
  for (const layer of model.layers) {
    if (layer instanceof GrulabGRU) found.push({ name: layer.name, layer, source: layer });
    const wrapped = layer as unknown as { forwardLayer?: unknown; backwardLayer?: unknown };
    if (layer.getClassName() === "Bidirectional" && wrapped.forwardLayer instanceof GrulabGRU && wrapped.backwardLayer instanceof GrulabGRU) {
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
  // A bidirectional wrapper's state inputs list the forward states, then the backward ones.
  const isBackward = target.name.endsWith("/backward");
  const h0 = values.length > 1 ? (values[isBackward ? 2 : 1] ?? null) : null;
  const seq = target.layer.runSequence(values[0] as tf.Tensor3D, h0 as tf.Tensor2D | null);
  const [samples, timesteps, units] = seq.h.shape;
  return {
    layer: target.name,
    shape: [samples, timesteps, units],
    goBackwards: target.layer.goBackwards,
    resetAfter: target.layer.resetAfter,
    z: new Float32Array(seq.z.dataSync()), // copies: the tensors are disposed when tidy ends
    r: new Float32Array(seq.r.dataSync()),
    hTilde: new Float32Array(seq.hTilde.dataSync()),
    h: new Float32Array(seq.h.dataSync()),
  };
}

function toFrame(layers: LayerGateTrace[]): dfd.DataFrame {
  const cols = { layer: [] as string[], sample: [] as number[], t: [] as number[], unit: [] as number[], z: [] as number[], r: [] as number[], hTilde: [] as number[], h: [] as number[] };
  for (const tr of layers) {
    const [S, T, H] = tr.shape;
    for (let s = 0, i = 0; s < S; s++) {
      for (let t = 0; t < T; t++) {
        for (let u = 0; u < H; u++, i++) {
          cols.layer.push(tr.layer);
          cols.sample.push(s);
          cols.t.push(t);
          cols.unit.push(u);
          cols.z.push(tr.z[i]);
          cols.r.push(tr.r[i]);
          cols.hTilde.push(tr.hTilde[i]);
          cols.h.push(tr.h[i]);
        }
      }
    }
  }
  return new (danfo().DataFrame)(cols);
}
