// toLayerObject / serializeLayerObject: names, objects and saved forms give tfjs objects that do
// what their name says (checked on tensors), grulab's orthogonal replaces tfjs's, errors name the option.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { serializeLayerObject, toLayerObject } from "../../src/models/layerObjects";

type Initializer = { apply(shape: number[]): tf.Tensor; getClassName(): string };
type Constraint = { apply(t: tf.Tensor): tf.Tensor };
type Regularizer = { apply(t: tf.Tensor): tf.Tensor };

test("'orthogonal' and { className: 'Orthogonal' } give grulab's orthogonal initializer: QᵀQ = I", () => {
  for (const id of ["orthogonal", { className: "Orthogonal", config: { gain: 1 } }] as const) {
    const init = toLayerObject(id, "initializer", "GRU option recurrentInitializer") as unknown as Initializer;
    assert.equal(init.getClassName(), "GrulabOrthogonal");
    const q = init.apply([6, 6]) as tf.Tensor2D;
    const qtq = tf.matMul(q, q, true, false).arraySync() as number[][];
    qtq.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - (i === j ? 1 : 0)) < 1e-5, `QᵀQ[${i}][${j}] = ${v}`)));
  }
});

test("names of tf.initializers / regularizers / constraints give objects that act as named", () => {
  const glorot = toLayerObject("glorotUniform", "initializer", "x") as unknown as Initializer;
  const w = glorot.apply([4, 5]).dataSync();
  const limit = Math.sqrt(6 / (4 + 5));
  assert.ok(w.every((v) => Math.abs(v) <= limit) && new Set(w).size === 20, "uniform in ±√(6 / (fanIn + fanOut))");
  const nonNeg = toLayerObject("nonNeg", "constraint", "x") as unknown as Constraint;
  assert.deepEqual(Array.from(nonNeg.apply(tf.tensor1d([-1, 2, -0.5])).dataSync()), [0, 2, 0]);
  const l1l2 = toLayerObject("l1l2", "regularizer", "x") as unknown as Regularizer; // tfjs's defaults: l1 = l2 = 0.01
  assert.ok(Math.abs(l1l2.apply(tf.tensor1d([1, -2])).dataSync()[0] - (0.01 * 3 + 0.01 * 5)) < 1e-7);
});

test("the saved { className, config } form and objects: a given object is returned as is; the saved form round-trips", () => {
  const made = tf.regularizers.l1l2({ l1: 0.5, l2: 0 });
  assert.equal(toLayerObject(made, "regularizer", "x"), made);
  const saved = serializeLayerObject(made)!;
  assert.equal(saved.className, "L1L2");
  const back = toLayerObject(saved as { className: string; config: tf.serialization.ConfigDict }, "regularizer", "x") as unknown as Regularizer;
  assert.ok(Math.abs(back.apply(tf.tensor1d([1, -2, 3])).dataSync()[0] - 3) < 1e-6, "0.5 · Σ|w|");
  assert.deepEqual(serializeLayerObject(tf.initializers.zeros()), { className: "Zeros", config: {} });
  assert.equal(serializeLayerObject(undefined), null);
  assert.equal(toLayerObject(null, "initializer", "x"), undefined);
  assert.equal(toLayerObject(undefined, "constraint", "x"), undefined);
});

test("unknown names and classes are errors starting with the option", () => {
  assert.throws(() => toLayerObject("glorot", "initializer", "LSTM option kernelInitializer"),
    /^Error: LSTM option kernelInitializer: unknown initializer "glorot"; expected one of .*glorotUniform/);
  assert.throws(() => toLayerObject({ className: "NoSuchThing", config: {} }, "regularizer", "GRU option biasRegularizer"),
    /^Error: GRU option biasRegularizer: unknown regularizer class "NoSuchThing"; expected the className of a regularizer tfjs has registered \(as a saved model stores it\), or give one of the names .*l1l2/);
});

test("names inherited from Object.prototype are unknown names, not tables' entries (own-property lookup)", () => {
  for (const name of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
    assert.throws(() => toLayerObject(name, "initializer", "GRU option kernelInitializer"),
      { message: new RegExp(`^GRU option kernelInitializer: unknown initializer "${name}"; expected one of .*glorotUniform`) }, name);
    assert.throws(() => toLayerObject({ className: name, config: {} }, "constraint", "GRU option kernelConstraint"),
      { message: new RegExp(`^GRU option kernelConstraint: unknown constraint class "${name}"; expected the className .* nonNeg`) }, name);
  }
});
