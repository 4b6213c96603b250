import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { gru, lstm, simpleRnn, traceGates, initBackend, type GruGateTrace, type LayerGateTrace, type LstmGateTrace } from "../../src/index";
import { traceValues, TRACE_COLUMNS, TRACE_MAX_ROWS } from "../../src/advanced/index";
import { float64Forward, type Cell } from "../support/float64Cells";
import { float64Gru, maxAbsDiff, seededArray } from "../support/float64Gru";
import { buildCharLm } from "../../src/studies/index";

before(() => initBackend("cpu")); // the reference runs on the pure-JS backend here; wasm gets its own parity check

type Arr3 = number[][][];
const [S, T, D] = [3, 5, 4];
const x3 = () => tf.tensor3d(seededArray([S, T, D], 1) as Arr3);
const randomBias = { biasInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 2 }) };
const nest = (a: Float32Array, [s, t, u]: number[]) =>
  Array.from({ length: s }, (_, i) => Array.from({ length: t }, (_, j) => Array.from(a.subarray((i * t + j) * u, (i * t + j + 1) * u))));

/** The trace as a GRU's (asserting its cell). */
function gruOf(tr: LayerGateTrace): GruGateTrace {
  assert.equal(tr.cell, "gru", `layer ${tr.layer}`);
  return tr as GruGateTrace;
}

function stackedModel() {
  return tf.sequential({
    layers: [
      gru({ units: 4, returnSequences: true, inputShape: [T, D], ...randomBias }),
      gru({ units: 3, goBackwards: true, resetAfter: false, ...randomBias }),
      tf.layers.dense({ units: 2, activation: "softmax" }),
    ],
  });
}

test("traceGates: h reproduces each layer's own output exactly; z, r in [0, 1]; gates equal the float64 equations", () => {
  const model = stackedModel();
  const x = x3();
  const traces = traceGates(model, x);
  assert.deepEqual(traces.layers.map((l) => [l.layer, l.shape, l.goBackwards, l.resetAfter]), [
    [model.layers[0].name, [S, T, 4], false, true],
    [model.layers[1].name, [S, T, 3], true, false],
  ]);
  const [first, second] = traces.layers.map(gruOf);
  assert.deepEqual(first.columns, ["z", "r", "hTilde", "h"]);
  const out0 = tf.tidy(() => (tf.model({ inputs: model.inputs, outputs: model.layers[0].output as tf.SymbolicTensor }).predict(x) as tf.Tensor).arraySync()) as Arr3;
  const out1 = tf.tidy(() => (tf.model({ inputs: model.inputs, outputs: model.layers[1].output as tf.SymbolicTensor }).predict(x) as tf.Tensor).arraySync()) as number[][];
  assert.deepEqual(nest(first.h, first.shape), out0.map((s) => s.map((r) => r.map(Math.fround))));
  assert.deepEqual(nest(second.h, second.shape).map((s) => s[T - 1]), out1.map((r) => r.map(Math.fround)));
  for (const tr of [first, second]) {
    for (const g of [tr.z, tr.r]) assert.ok(g.every((v) => v >= 0 && v <= 1));
  }
  // Independent check of every gate: the float64 equations on the same weights.
  const w = (i: number) => {
    const [kernel, recurrentKernel, bias] = model.layers[i].getWeights().map((t) => t.arraySync());
    return { kernel: kernel as number[][], recurrentKernel: recurrentKernel as number[][], bias: bias as number[][] };
  };
  const e0 = float64Gru(x.arraySync(), w(0), true);
  const e1 = float64Gru(out0.map((s) => s.slice().reverse()), w(1), false);
  let worst = 0;
  for (const key of ["z", "r", "hTilde", "h"] as const) {
    worst = Math.max(worst, maxAbsDiff(nest(first[key], first.shape), e0[key]), maxAbsDiff(nest(second[key], second.shape), e1[key]));
  }
  console.log(`traceGates gates vs float64 reference: max abs diff ${worst.toExponential(2)}`);
  assert.ok(worst <= 1e-5);
  // The long frame: one row per layer, sample, step and unit, with the same numbers.
  const frame = traces.frame;
  assert.deepEqual(frame.columns, ["layer", "sample", "t", "unit", "z", "r", "hTilde", "h"]);
  assert.equal(frame.shape[0], S * T * 4 + S * T * 3);
  const row = S * T * 4 + (2 * T + 3) * 3 + 1; // second layer, sample 2, t 3, unit 1
  assert.deepEqual(frame.iloc({ rows: [row] }).values[0], [second.layer, 2, 3, 1, second.z[(2 * T + 3) * 3 + 1], second.r[(2 * T + 3) * 3 + 1], second.hTilde[(2 * T + 3) * 3 + 1], second.h[(2 * T + 3) * 3 + 1]]);
});

test("traceGates finds the layers inside tf.layers.bidirectional of a functional model with an initial state input", () => {
  const H = 3;
  const xIn = tf.input({ shape: [T, D] });
  const hIn = tf.input({ shape: [H] });
  const g = gru({ units: H, returnSequences: true, ...randomBias });
  const seq = g.apply(xIn, { initialState: hIn }) as tf.SymbolicTensor;
  const bi = tf.layers.bidirectional({ layer: gru({ units: 2 }) as unknown as tf.RNN });
  const model = tf.model({ inputs: [xIn, hIn], outputs: tf.layers.dense({ units: 1 }).apply(bi.apply(seq)) as tf.SymbolicTensor });
  const x = x3();
  const h0 = tf.tensor2d(seededArray([S, H], 3) as number[][]);
  const traces = traceGates(model, [x, h0]);
  assert.deepEqual(traces.layers.map((l) => l.layer), [g.name, `${bi.name}/forward`, `${bi.name}/backward`]);
  const ws = (layer: tf.layers.Layer, from: number) => {
    const a = layer.getWeights().slice(from, from + 3).map((t) => t.arraySync());
    return { kernel: a[0] as number[][], recurrentKernel: a[1] as number[][], bias: a[2] as number[][] };
  };
  const e0 = float64Gru(x.arraySync(), ws(g, 0), true, h0.arraySync());
  const back = float64Gru(e0.h.map((s) => s.slice().reverse()), ws(bi, 3), true);
  assert.ok(maxAbsDiff(nest(traces.layers[0].h, traces.layers[0].shape), e0.h) <= 1e-5, "initial state used");
  assert.ok(maxAbsDiff(nest(gruOf(traces.layers[2]).z, traces.layers[2].shape), back.z) <= 1e-5, "backward layer traced on the reversed sequence");
  assert.equal(traces.layers[2].goBackwards, true);
});

test("traceGates refuses more than maxRows rows with the count, the limit and a maxSamples that fits; maxSamples traces the first samples", () => {
  const model = stackedModel();
  const x = x3();
  // rows per sample: T·4 + T·3 = 35
  assert.throws(() => traceGates(model, x, { maxRows: 80 }), /105 rows requested \(3 samples × 35 rows per sample over 2 recurrent layer\(s\).*over the limit maxRows = 80; pass \{ maxSamples: 2 \}/);
  assert.ok(TRACE_MAX_ROWS >= 100_000);
  const two = traceGates(model, x, { maxSamples: 2, maxRows: 80 });
  const all = traceGates(model, x);
  assert.deepEqual(two.layers[0].shape, [2, T, 4]);
  assert.deepEqual(Array.from(two.layers[1].h), Array.from(all.layers[1].h.subarray(0, 2 * T * 3)));
  assert.throws(() => traceGates(model, x, { maxSamples: 0 }), /option maxSamples: 0/);
  const plain = tf.sequential({ layers: [tf.layers.gru({ units: 2, inputShape: [T, D] })] });
  assert.throws(() => traceGates(plain, x), /model ".*" has no grulab recurrent layer; traceGates supports grulab's gru\(\), lstm\(\) and simpleRnn\(\) layers, also inside tf.layers.bidirectional/);
  const tfLstm = tf.sequential({ layers: [tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 2, returnSequences: true }) as tf.RNN, inputShape: [T, D] }), tf.layers.simpleRNN({ units: 2 })] });
  assert.throws(() => traceGates(tfLstm, x), /has no grulab recurrent layer; traceGates supports grulab's gru\(\), lstm\(\) and simpleRnn\(\) layers.*tf\.layers\.lstm.*hide their gates/);
});

test("tf.memory().numTensors is unchanged after repeated fit, predict and traceGates", async () => {
  const model = stackedModel();
  model.compile({ optimizer: "adam", loss: "categoricalCrossentropy" });
  const x = x3();
  const y = tf.oneHot(tf.tensor1d([0, 1, 1], "int32"), 2);
  const cycle = async () => {
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    tf.dispose(model.predict(x));
    traceGates(model, x);
  };
  await cycle();
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) await cycle();
  console.log(`numTensors before ${before}, after 3 fit+predict+traceGates cycles ${tf.memory().numTensors}`);
  assert.equal(tf.memory().numTensors, before);
});

test("traceGates refuses inputs whose time steps or features differ from the model's input (20 steps on a 14-step model)", () => {
  const model = tf.sequential({ layers: [gru({ units: 3, inputShape: [14, 2] }), tf.layers.dense({ units: 2 })] });
  const long = tf.zeros([1, 20, 2]);
  const wide = tf.zeros([1, 14, 3]);
  const before = tf.memory().numTensors;
  assert.throws(() => traceGates(model, long), /traceGates: input 0 has shape \[1, 20, 2\], model ".*" expects \[any, 14, 2\] \(20 time steps, the model takes 14\)/);
  assert.throws(() => traceGates(model, wide), /input 0 has shape \[1, 14, 3\], model ".*" expects \[any, 14, 2\]$/);
  assert.throws(() => traceGates(model, [long, wide]), /2 input tensor\(s\) given, model ".*" has 1 input/);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(traceGates(model, tf.zeros([2, 14, 2])).layers[0].shape.join(), "2,14,3");
  tf.dispose([long, wide]);
  model.dispose();
});

/** The float64 equations (test/support/float64Cells.ts) on a layer's weights, from `x` [S][T][D] (processing order) and optional states. */
function float64Cell(cell: Cell, layer: tf.layers.Layer, x: Arr3, from = 0, h0?: number[][], c0?: number[][]) {
  const [kernel, recurrentKernel, bias] = layer.getWeights().slice(from, from + 3).map((t) => Float32Array.from(t.dataSync()));
  const [B, Tn, Dn] = [x.length, x[0].length, x[0][0].length];
  const H = Math.round(Math.sqrt(recurrentKernel.length / (cell === "lstm" ? 4 : 1))); // recurrentKernel [H, G·H]
  const flat = (a: number[][] | undefined) => (a ? Float32Array.from(a.flat()) : new Float32Array(B * H));
  return float64Forward({ cell, batch: B, time: Tn, inputDim: Dn, units: H, useBias: true },
    { x: Float32Array.from(x.flat(2)), h0: flat(h0), c0: cell === "lstm" ? flat(c0) : null, kernel, recurrentKernel, bias });
}

const worstDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  assert.equal(a.length, b.length);
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]));
  return worst;
};
const reversed = (x: Arr3) => x.map((s) => s.slice().reverse());

test("traceGates traces an LSTM's i, f, cTilde, o, c, h and a SimpleRNN's h: equal to runSequence's tensors, to the layers' outputs, and to the float64 equations", () => {
  const model = tf.sequential({
    layers: [
      lstm({ units: 4, returnSequences: true, inputShape: [T, D], ...randomBias }),
      simpleRnn({ units: 3, goBackwards: true, ...randomBias }),
      tf.layers.dense({ units: 2 }),
    ],
  });
  const x = x3();
  const traces = traceGates(model, x);
  assert.deepEqual(traces.layers.map((l) => [l.layer, l.cell, l.columns, l.shape, l.goBackwards]), [
    [model.layers[0].name, "lstm", ["i", "f", "cTilde", "o", "c", "h"], [S, T, 4], false],
    [model.layers[1].name, "simpleRnn", ["h"], [S, T, 3], true],
  ]);
  const [first, second] = traces.layers;
  assert.ok(first.cell === "lstm" && second.cell === "simpleRnn");
  // The layer's own runSequence gives the same tensors, bit for bit.
  const own = (model.layers[0] as ReturnType<typeof lstm>).runSequence(x);
  for (const q of TRACE_COLUMNS.lstm) assert.deepEqual(traceValues(first, q), own[q as keyof typeof own].dataSync(), q);
  tf.dispose(Object.values(own));
  // h is what the model's layers output.
  const out0 = tf.tidy(() => (tf.model({ inputs: model.inputs, outputs: model.layers[0].output as tf.SymbolicTensor }).predict(x) as tf.Tensor).arraySync()) as Arr3;
  const out1 = tf.tidy(() => (tf.model({ inputs: model.inputs, outputs: model.layers[1].output as tf.SymbolicTensor }).predict(x) as tf.Tensor).arraySync()) as number[][];
  assert.deepEqual(nest(first.h, first.shape), out0.map((s) => s.map((r) => r.map(Math.fround))));
  assert.deepEqual(nest(second.h, second.shape).map((s) => s[T - 1]), out1.map((r) => r.map(Math.fround)));
  // Independent: the float64 equations on the layers' weights (the SimpleRNN reads the LSTM's output backwards).
  const e0 = float64Cell("lstm", model.layers[0], x.arraySync() as Arr3);
  const e1 = float64Cell("simpleRnn", model.layers[1], reversed(out0));
  const diffs = [...TRACE_COLUMNS.lstm.map((q) => worstDiff(traceValues(first, q), e0[q])), worstDiff(second.h, e1.h)];
  console.log(`traceGates LSTM i, f, cTilde, o, c, h and SimpleRNN h vs float64: max abs diff ${diffs.map((d) => d.toExponential(1)).join(", ")}`);
  assert.ok(Math.max(...diffs) <= 1e-5);
  for (const g of [first.i, first.f, first.o]) assert.ok(g.every((v) => v > 0 && v < 1));
  assert.ok(first.c.some((v) => Math.abs(v) > 0.05), "c is traced, not zeros");
  // Sample 1 by hand: c_t = f c_{t−1} + i c̃, h_t = o tanh(c_t) from the traced gates themselves.
  for (let t = 0, c = [0, 0, 0, 0]; t < T; t++) {
    const at = (a: Float32Array, u: number) => a[(1 * T + t) * 4 + u];
    c = c.map((prev, u) => at(first.f, u) * prev + at(first.i, u) * at(first.cTilde, u));
    c.forEach((v, u) => {
      assert.ok(Math.abs(v - at(first.c, u)) < 1e-6, `c t=${t} unit ${u}`);
      assert.ok(Math.abs(at(first.o, u) * Math.tanh(v) - at(first.h, u)) < 1e-6, `h t=${t} unit ${u}`);
    });
  }
  model.dispose();
});

test("traceGates finds an LSTM inside tf.layers.bidirectional, after an LSTM given [h0, c0] as inputs", () => {
  const H = 3;
  const xIn = tf.input({ shape: [T, D] });
  const hIn = tf.input({ shape: [H] });
  const cIn = tf.input({ shape: [H] });
  const l = lstm({ units: H, returnSequences: true, ...randomBias });
  const seq = l.apply(xIn, { initialState: [hIn, cIn] }) as tf.SymbolicTensor;
  const bi = tf.layers.bidirectional({ layer: lstm({ units: 2, ...randomBias }) as unknown as tf.RNN });
  const model = tf.model({ inputs: [xIn, hIn, cIn], outputs: tf.layers.dense({ units: 1 }).apply(bi.apply(seq)) as tf.SymbolicTensor });
  const x = x3();
  const h0 = seededArray([S, H], 3) as number[][];
  const c0 = seededArray([S, H], 5) as number[][];
  const traces = traceGates(model, [x, tf.tensor2d(h0), tf.tensor2d(c0)]);
  assert.deepEqual(traces.layers.map((tr) => [tr.layer, tr.cell, tr.goBackwards]), [[l.name, "lstm", false], [`${bi.name}/forward`, "lstm", false], [`${bi.name}/backward`, "lstm", true]]);
  const [first, forward, backward] = traces.layers as LstmGateTrace[];
  const e0 = float64Cell("lstm", l, x.arraySync() as Arr3, 0, h0, c0);
  const states = nest(first.h, first.shape);
  const eF = float64Cell("lstm", bi, states, 0);
  const eB = float64Cell("lstm", bi, reversed(states), 3);
  const worst = Math.max(worstDiff(first.c, e0.c), worstDiff(first.h, e0.h), worstDiff(forward.f, eF.f), worstDiff(backward.f, eB.f), worstDiff(backward.c, eB.c));
  console.log(`traceGates bidirectional LSTM vs float64: max abs diff ${worst.toExponential(2)}`);
  assert.ok(worst <= 1e-5, "initial [h0, c0] used; backward layer traced on the reversed sequence");
  model.dispose();
});

test("traceGates on a GRU → LSTM → SimpleRNN model: one frame, the union of columns, NaN where a layer's cell lacks a quantity", () => {
  const model = tf.sequential({
    layers: [
      gru({ units: 2, returnSequences: true, inputShape: [T, D], ...randomBias }),
      lstm({ units: 3, returnSequences: true }),
      simpleRnn({ units: 2 }),
    ],
  });
  const traces = traceGates(model, x3());
  assert.deepEqual(traces.layers.map((tr) => tr.cell), ["gru", "lstm", "simpleRnn"]);
  const frame = traces.frame;
  assert.deepEqual(frame.columns, ["layer", "sample", "t", "unit", "z", "r", "hTilde", "i", "f", "cTilde", "o", "c", "h"]);
  assert.equal(frame.shape[0], S * T * (2 + 3 + 2));
  const rows = frame.values as unknown[][];
  const columns = frame.columns as string[];
  let offset = 0;
  for (const tr of traces.layers) {
    const n = tr.shape[0] * tr.shape[1] * tr.shape[2];
    for (const k of [0, n - 1, Math.floor(n / 2)]) {
      const row = rows[offset + k];
      assert.equal(row[0], tr.layer);
      columns.slice(4).forEach((q, j) => {
        const want = tr.columns.includes(q as never) ? traceValues(tr, q as never)[k] : NaN;
        assert.ok(Object.is(row[4 + j], want) || row[4 + j] === want, `${tr.layer} row ${k} ${q}: ${row[4 + j]} vs ${want}`);
      });
    }
    offset += n;
  }
  assert.throws(() => traceValues(traces.layers[2], "f"), /layer .* \(simpleRnn\) has no f; it has h/);
  model.dispose();
});

test("traceGates on a char LM on the cpu backend (int32 ids → one-hot → fused GRUs, whose cast keeps an Int32Array there): the gates equal the reference implementation's", () => {
  assert.equal(tf.getBackend(), "cpu");
  const ids = tf.tensor2d([[1, 2, 3, 4, 5, 6], [6, 0, 2, 2, 1, 3]], [2, 6], "int32");
  const traced = (gruImplementation: "fused" | "reference") => {
    const model = buildCharLm({ vocabSize: 7, units: 4, layers: 2, seed: 3, gruImplementation });
    try { return traceGates(model, ids); } finally { model.dispose(); }
  };
  const fused = traced("fused"), reference = traced("reference"); // before: "fused GRU: input x must be a Float32Array … got object"
  assert.equal(fused.layers.length, 2);
  for (const [i, layer] of fused.layers.entries()) {
    for (const q of ["z", "r", "hTilde", "h"] as const) {
      const d = maxAbsDiff(gruOf(layer)[q], gruOf(reference.layers[i])[q]);
      assert.ok(d < 1e-5, `${layer.layer} ${q}: ${d}`);
    }
  }
  ids.dispose();
});
