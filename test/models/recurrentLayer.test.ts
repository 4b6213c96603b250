// What grulab's LSTM and SimpleRNN layers share (src/models/recurrentLayer.ts), for both cells.
import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend, loadModel, lstm, saveModel, simpleRnn } from "../../src/index";
import { GrulabLSTM, GrulabSimpleRNN } from "../../src/advanced/index";
import { maxRelativeError } from "../support/gruTestReferences";
import { randomCellArrays } from "../support/rnnTestCases";
import { cellLayerWith } from "../support/cellLayers";
import { float64Forward, type Cell, type CellArrays, type CellCase } from "../support/float64Cells";

before(() => initBackend("cpu"));

const CELLS: Cell[] = ["lstm", "simpleRnn"];
const stateNames = (cell: Cell) => (cell === "lstm" ? ["h", "c"] : ["h"]);

// Step t of a [B, T, H] flat array as [B, H] nested rows.
function stepOf(a: ArrayLike<number>, k: CellCase, t: number): number[][] {
  return Array.from({ length: k.batch }, (_, b) => Array.from({ length: k.units }, (_, j) => a[(b * k.time + t) * k.units + j]));
}
const flat = (t: tf.Tensor) => t.dataSync() as Float32Array;
const reverseTime = (x: Float32Array, k: CellCase) => {
  const out = new Float32Array(x.length);
  for (let b = 0; b < k.batch; b++) {
    for (let t = 0; t < k.time; t++) out.set(x.subarray((b * k.time + t) * k.inputDim, (b * k.time + t + 1) * k.inputDim), (b * k.time + k.time - 1 - t) * k.inputDim);
  }
  return out;
};

for (const cell of CELLS) {
  test(`${cell}: returnState returns [output, ...final states]; initialState works concretely and as further model inputs (symbolic)`, () => {
    const k: CellCase = { cell, batch: 3, time: 4, inputDim: 2, units: 3, useBias: true };
    const a = randomCellArrays(k, 51);
    const want = float64Forward(k, a);
    const states = [tf.tensor2d(a.h0, [k.batch, k.units]), ...(a.c0 ? [tf.tensor2d(a.c0, [k.batch, k.units])] : [])];
    const x = tf.tensor3d(a.x, [k.batch, k.time, k.inputDim]);
    const layer = cellLayerWith(k, a, { returnSequences: true, returnState: true });
    const out = layer.apply(x, { initialState: states }) as tf.Tensor[];
    assert.equal(out.length, 1 + states.length);
    assert.ok(maxRelativeError(flat(out[0]), want.h) <= 1e-5);
    stateNames(cell).forEach((name, i) => assert.ok(maxRelativeError(flat(out[1 + i]), stepOf(want[name], k, k.time - 1).flat()) <= 1e-5, `final ${name}`));
    assert.deepEqual(layer.computeOutputShape([null, k.time, k.inputDim]), [[null, k.time, k.units], ...states.map(() => [null, k.units])]);
    // A functional model whose layer starts from further model inputs.
    const xIn = tf.input({ shape: [k.time, k.inputDim] });
    const sIn = states.map(() => tf.input({ shape: [k.units] }));
    const fresh = cell === "lstm" ? lstm({ units: k.units, returnSequences: true }) : simpleRnn({ units: k.units, returnSequences: true });
    const model = tf.model({ inputs: [xIn, ...sIn], outputs: fresh.apply(xIn, { initialState: sIn }) as tf.SymbolicTensor });
    fresh.setWeights(layer.getWeights());
    const pred = model.predict([x, ...states]) as tf.Tensor;
    assert.ok(maxRelativeError(flat(pred), want.h) <= 1e-5);
    const zeros = float64Forward(k, { ...a, h0: new Float32Array(a.h0.length), c0: a.c0 ? new Float32Array(a.c0.length) : null });
    assert.ok(maxRelativeError(flat(pred), zeros.h) > 1e-3, "the initial state changes the outputs");
    assert.throws(() => layer.apply(x, { initialState: [states[0], states[0], states[0]] }), new RegExp(`initialState has 3 tensors, expected ${states.length}`));
  });

  test(`${cell}: goBackwards processes the reversed sequence and returns outputs in processing order (as Keras)`, () => {
    const k: CellCase = { cell, batch: 2, time: 5, inputDim: 3, units: 4, useBias: true };
    const a = randomCellArrays(k, 41);
    const zero: CellArrays = { ...a, h0: new Float32Array(a.h0.length), c0: a.c0 ? new Float32Array(a.c0.length) : null };
    const x = tf.tensor3d(a.x, [k.batch, k.time, k.inputDim]);
    const got = flat(cellLayerWith(k, a, { goBackwards: true, returnSequences: true }).apply(x) as tf.Tensor);
    const expected = float64Forward(k, { ...zero, x: reverseTime(a.x, k) }).h;
    assert.ok(maxRelativeError(got, expected) <= 1e-5);
    assert.ok(maxRelativeError(got, float64Forward(k, zero).h) > 1e-3, "not the forward run");
  });

  test(`${cell}: dropout acts only in training with one input mask per sequence fixed across time (Keras)`, () => {
    const k: CellCase = { cell, batch: 8, time: 4, inputDim: 3, units: 2, useBias: true };
    const a = randomCellArrays(k, 61);
    const zero: CellArrays = { ...a, h0: new Float32Array(a.h0.length), c0: a.c0 ? new Float32Array(a.c0.length) : null };
    const layer = cellLayerWith(k, a, { returnSequences: true, dropout: 0.5 });
    const x = tf.tensor3d(a.x, [k.batch, k.time, k.inputDim]);
    assert.ok(maxRelativeError(flat(layer.apply(x) as tf.Tensor), float64Forward(k, zero).h) <= 1e-5, "no dropout at inference");
    const trained = flat(layer.apply(x, { training: true }) as tf.Tensor);
    let dropped = 0;
    const one: CellCase = { ...k, batch: 1 };
    for (let b = 0; b < k.batch; b++) {
      const matches: number[] = [];
      const xb = a.x.subarray(b * k.time * k.inputDim, (b + 1) * k.time * k.inputDim);
      for (let bits = 0; bits < 2 ** k.inputDim; bits++) {
        const masked = xb.map((v, i) => v * ((bits >> (i % k.inputDim)) & 1 ? 2 : 0));
        const h = float64Forward(one, { ...zero, x: masked, h0: new Float32Array(k.units), c0: a.c0 ? new Float32Array(k.units) : null }).h;
        if (maxRelativeError(trained.subarray(b * k.time * k.units, (b + 1) * k.time * k.units), h) <= 1e-5) matches.push(bits);
      }
      assert.equal(matches.length, 1, `sample ${b}: exactly one time-fixed input mask explains the output`);
      if (matches[0] !== 2 ** k.inputDim - 1) dropped++;
    }
    assert.ok(dropped > 0, "some inputs were dropped");
  });

  test(`${cell}: recurrentDropout multiplies h(t−1) before U by one mask per sequence, only in training (Keras 3)`, () => {
    const k: CellCase = { cell, batch: 4, time: 5, inputDim: 2, units: 2, useBias: true };
    const a = randomCellArrays(k, 71);
    const zero: CellArrays = { ...a, h0: new Float32Array(a.h0.length), c0: a.c0 ? new Float32Array(a.c0.length) : null };
    const layer = cellLayerWith(k, a, { returnSequences: true, recurrentDropout: 0.5 });
    const x = tf.tensor3d(a.x, [k.batch, k.time, k.inputDim]);
    assert.ok(maxRelativeError(flat(layer.apply(x) as tf.Tensor), float64Forward(k, zero).h) <= 1e-5, "no dropout at inference");
    const trained = flat(layer.apply(x, { training: true }) as tf.Tensor);
    const one: CellCase = { ...k, batch: 1 };
    for (let b = 0; b < k.batch; b++) {
      const matches: number[] = [];
      const arrays = { ...zero, x: a.x.subarray(b * k.time * k.inputDim, (b + 1) * k.time * k.inputDim), h0: new Float32Array(k.units),
        c0: a.c0 ? new Float32Array(k.units) : null };
      for (let bits = 0; bits < 2 ** k.units; bits++) {
        const mask = Array.from({ length: k.units }, (_, j) => ((bits >> j) & 1 ? 2 : 0));
        if (maxRelativeError(trained.subarray(b * k.time * k.units, (b + 1) * k.time * k.units), float64Forward(one, arrays, mask).h) <= 1e-5) matches.push(bits);
      }
      assert.equal(matches.length, 1, `sample ${b}: exactly one time-fixed recurrent mask explains the output`);
    }
  });

  test(`${cell}: a model saves and loads through src/io with the same predictions and config`, async () => {
    const make = cell === "lstm" ? lstm : simpleRnn;
    const model = tf.sequential({ layers: [make({ units: 5, inputShape: [6, 3], returnSequences: true, implementation: "fused" }),
      make({ units: 3, goBackwards: true, kernelRegularizer: "l1l2" }), tf.layers.dense({ units: 2 })] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `grulab-${cell}-`));
    await saveModel(model, dir);
    const loaded = await loadModel(dir);
    const x = tf.randomUniform([4, 6, 3], -1, 1, "float32", 9);
    assert.ok(maxRelativeError(flat(loaded.predict(x) as tf.Tensor), flat(model.predict(x) as tf.Tensor)) === 0);
    const cls = cell === "lstm" ? GrulabLSTM : GrulabSimpleRNN;
    assert.ok(loaded.layers[0] instanceof cls && loaded.layers[1] instanceof cls);
    const config = loaded.layers[1].getConfig();
    assert.equal(config.goBackwards, true);
    assert.equal((config.kernelRegularizer as { className: string }).className, "L1L2");
    assert.equal(loaded.layers[0].getConfig().implementation, "fused");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const backend of ["cpu", "wasm"]) {
    test(`${cell}: tf.memory().numTensors stays flat over repeated fit (fused, ${backend})`, async () => {
      await initBackend(backend);
      const make = cell === "lstm" ? lstm : simpleRnn;
      const model = tf.sequential({ layers: [make({ units: 7, inputShape: [5, 3] }), tf.layers.dense({ units: 2, activation: "softmax" })] });
      model.compile({ optimizer: "adam", loss: "categoricalCrossentropy" });
      const x = tf.randomUniform([16, 5, 3], -1, 1, "float32", 4);
      const y = tf.oneHot(tf.tensor1d([0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0], "int32"), 2);
      const first = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
      const tensors = tf.memory().numTensors;
      let last = first;
      for (let i = 0; i < 5; i++) last = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
      console.log(`  ${cell} ${backend}: numTensors ${tensors} → ${tf.memory().numTensors}; loss ${(first.history.loss[0] as number).toFixed(4)} → ${(last.history.loss[1] as number).toFixed(4)}`);
      assert.equal(tf.memory().numTensors, tensors);
      assert.ok((last.history.loss[1] as number) < (first.history.loss[0] as number), "it trains");
      model.dispose();
      tf.dispose([x, y]);
      await initBackend("cpu");
    });
  }
}

test("bad options throw errors that name the cell and the option", () => {
  assert.throws(() => lstm({ units: 0 }), /LSTM option units: 0, expected a positive integer/);
  assert.throws(() => simpleRnn({ units: 2.5 }), /SimpleRNN option units: 2.5/);
  assert.throws(() => lstm({ units: 4, dropout: 1 }), /LSTM option dropout: 1, expected a number in \[0, 1\)/);
  assert.throws(() => simpleRnn({ units: 4, recurrentDropout: -0.1 }), /SimpleRNN option recurrentDropout/);
  assert.throws(() => simpleRnn({ units: 4, activation: "tanhh" }), /SimpleRNN option activation: unknown activation "tanhh"/);
  assert.throws(() => lstm({ units: 4, kernelInitializer: "glorot" }), /LSTM option kernelInitializer: unknown initializer "glorot"/);
  assert.throws(() => lstm({ units: 4, implementation: "fast" as never }), /LSTM option implementation: "fast"/);
  assert.throws(() => simpleRnn({ units: 3 }).apply(tf.zeros([2, 3])), /expected ndim=3/);
});

for (const cell of CELLS) {
  test(`${cell}: returnSequences false (the fused op's lastStepOnly) gives the reference's output, final states and gradients within 1e-5`, () => {
    const k: CellCase = { cell, batch: 3, time: 6, inputDim: 2, units: 5, useBias: true };
    const a = randomCellArrays(k, 61);
    const x = tf.variable(tf.tensor3d(a.x, [k.batch, k.time, k.inputDim]), true);
    const results = (["fused", "reference"] as const).map((implementation) => {
      const layer = cellLayerWith(k, a, { returnSequences: false, returnState: true, implementation });
      const vars = [x, ...layer.trainableWeights.map((v) => v.read() as tf.Variable)];
      const outs = tf.tidy(() => (layer.apply(x) as tf.Tensor[]).map(flat));
      const { value, grads } = tf.variableGrads(() => tf.addN((layer.apply(x) as tf.Tensor[]).map((t, i) => tf.sum(tf.mul(t, i + 1)))) as tf.Scalar, vars);
      const all = [...outs, ...vars.map((v) => flat(grads[v.name]))];
      tf.dispose([value, ...Object.values(grads)]);
      for (const v of layer.weights) v.dispose();
      return all;
    });
    assert.equal(results[0].length, 1 + stateNames(cell).length + 4);
    results[0].forEach((got, i) => assert.ok(maxRelativeError(got, results[1][i]) <= 1e-5, `result ${i}: ${maxRelativeError(got, results[1][i])}`));
    x.dispose();
  });
}
