// Helpers of the LSTM / SimpleRNN layer tests: grulab and tf.layers layers with given weights,
// and the parity check of a grulab layer against tf.layers and the float64 oracle.
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend, lstm, simpleRnn, type LstmOptions } from "../../src/index";
import type { GrulabRecurrent } from "../../src/models/recurrentLayer";
import { maxRelativeError, randomArray, randomSource } from "./gruTestReferences";
import { randomCellArrays } from "./rnnTestCases";
import { float64Backward, float64Forward, type CellArrays, type CellCase } from "./float64Cells";

type Options = Omit<LstmOptions, "units">;

function weightTensors(k: CellCase, a: CellArrays): tf.Tensor[] {
  const G = k.cell === "lstm" ? 4 : 1;
  return [tf.tensor2d(a.kernel, [k.inputDim, G * k.units]), tf.tensor2d(a.recurrentKernel, [k.units, G * k.units]),
    ...(a.bias ? [tf.tensor1d(a.bias)] : [])];
}

/** A built grulab layer of case `k` with the weights of `a`. */
export function cellLayerWith(k: CellCase, a: CellArrays, options: Options = {}): GrulabRecurrent {
  const o = { units: k.units, useBias: k.useBias, ...options };
  const layer = k.cell === "lstm" ? lstm(o) : simpleRnn(o);
  layer.build([null, null, k.inputDim]);
  layer.setWeights(weightTensors(k, a));
  return layer;
}

/** The same through tf.layers (recurrentActivation set to sigmoid: tfjs's LSTM defaults to hardSigmoid). */
export function tfjsLayerWith(k: CellCase, a: CellArrays, returnSequences: boolean): tf.layers.Layer {
  const layer = k.cell === "lstm"
    ? tf.layers.lstm({ units: k.units, useBias: k.useBias, recurrentActivation: "sigmoid", returnSequences })
    : tf.layers.simpleRNN({ units: k.units, useBias: k.useBias, returnSequences });
  tf.dispose(layer.apply(tf.zeros([1, 1, k.inputDim])) as tf.Tensor); // builds it (calling build() directly makes apply() build the cell twice)
  layer.setWeights(weightTensors(k, a));
  return layer;
}

/**
 * Output sequence and gradients of Σ output ⊙ w with respect to input, kernel, recurrentKernel
 * and bias: grulab's layer (implementation `impl`) against tf.layers and float64, all within 1e-5
 * relative. Returns the worst errors by name.
 *
 * @example
 * layerParity({ cell: "lstm", batch: 3, time: 6, inputDim: 4, units: 5, useBias: true }, "fused", 11);
 */
export function layerParity(k: CellCase, impl: "reference" | "fused", seed: number): Record<string, number> {
  const a = randomCellArrays(k, seed);
  a.h0.fill(0);
  a.c0?.fill(0);
  const w = randomArray(k.batch * k.time * k.units, randomSource(seed + 3));
  const xVar = tf.variable(tf.tensor3d(a.x, [k.batch, k.time, k.inputDim]), true);
  const wT = tf.tensor3d(w, [k.batch, k.time, k.units]);
  const run = (layer: tf.layers.Layer, withGrads = true) => {
    const vars = [xVar, ...layer.trainableWeights.map((v) => v.read() as tf.Variable)];
    const out = tf.tidy(() => (layer.apply(xVar) as tf.Tensor).dataSync() as Float32Array);
    if (!withGrads) return [out];
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(xVar) as tf.Tensor, wT)) as tf.Scalar, vars);
    const result = [out, ...vars.map((v) => grads[v.name].dataSync() as Float32Array)];
    tf.dispose([value, ...Object.values(grads)]);
    return result;
  };
  const ours = cellLayerWith(k, a, { returnSequences: true, implementation: impl });
  const theirs = tfjsLayerWith(k, a, true);
  const got = run(ours);
  // tf.layers cannot differentiate itself at T = 1 (tfjs 4.22: tf.unstack over an axis of size 1); float64 still checks ours.
  const peer = run(theirs, k.time > 1);
  const f64 = float64Backward(k, a, { h: w });
  const expected = [float64Forward(k, a).h, f64.dx, f64.dKernel, f64.dRecurrentKernel, ...(f64.dBias ? [f64.dBias] : [])];
  const names = ["output", "input", "kernel", "recurrentKernel", "bias"];
  const worst: Record<string, number> = {};
  got.forEach((g, i) => {
    if (peer[i]) worst[`${names[i]} vs tf.layers`] = maxRelativeError(g, peer[i]);
    worst[`${names[i]} vs float64`] = maxRelativeError(g, expected[i]);
  });
  // tf.layers itself agrees with float64 (the peer is a fair one)
  worst["tf.layers output vs float64"] = maxRelativeError(peer[0], expected[0]);
  tf.dispose([xVar, wT]);
  for (const v of [...ours.weights, ...theirs.weights]) v.dispose(); // (Layer.dispose needs a symbolic call)
  return worst;
}

/**
 * `layerParity` of one cell on the sizes its layer test covers (a general case; batch 1 and
 * T 1; a wide input without bias), on cpu and wasm, reference and fused implementation: each
 * case's worst errors printed, every one asserted ≤ 1e-5. The seed of a case is
 * `units · seedFactor + time`. Leaves the cpu backend set.
 *
 * @example
 * test("…match tf.layers.lstm and float64…", () => assertLayerParityEverywhere("lstm", 7));
 */
export async function assertLayerParityEverywhere(cell: CellCase["cell"], seedFactor: number): Promise<void> {
  const cases: CellCase[] = [
    { cell, batch: 3, time: 6, inputDim: 4, units: 5, useBias: true },
    { cell, batch: 1, time: 1, inputDim: 1, units: 1, useBias: true },
    { cell, batch: 2, time: 4, inputDim: 40, units: 33, useBias: false },
  ];
  for (const backend of ["cpu", "wasm"]) {
    await initBackend(backend);
    for (const impl of ["reference", "fused"] as const) {
      for (const k of cases) {
        const worst = layerParity(k, impl, k.units * seedFactor + k.time);
        const line = Object.entries(worst).map(([n, e]) => `${n} ${e.toExponential(1)}`).join(", ");
        console.log(`  [${backend}, ${impl}, B${k.batch} T${k.time} D${k.inputDim} H${k.units}] ${line}`);
        for (const [n, e] of Object.entries(worst)) assert.ok(e <= 1e-5, `${backend} ${impl} ${n}: ${e}`);
      }
    }
  }
  await initBackend("cpu");
}
