import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { fusedGruSequence } from "../../src/kernels/fusedGruSequence";
import { pickGruSequence } from "../../src/models/pickGruSequence";
import { referenceGruSequence } from "../../src/models/referenceGruSequence";

test("pickGruSequence: reference and fused by name; auto picks fused on cpu/wasm for tanh/sigmoid cells, else the reference", () => {
  const cell = { resetAfter: true };
  assert.equal(pickGruSequence("reference"), referenceGruSequence);
  assert.equal(pickGruSequence("fused"), fusedGruSequence);
  assert.equal(pickGruSequence("auto", cell, "cpu"), fusedGruSequence);
  assert.equal(pickGruSequence("auto", { resetAfter: false, activation: "tanh", recurrentActivation: "sigmoid" }, "wasm"), fusedGruSequence);
  assert.equal(pickGruSequence("auto", cell, "tensorflow"), referenceGruSequence);
  assert.equal(pickGruSequence("auto", { resetAfter: false, recurrentActivation: "hardSigmoid" }, "wasm"), referenceGruSequence);
  assert.equal(pickGruSequence("auto", { resetAfter: true, activation: "relu" }, "cpu"), referenceGruSequence);
  assert.throws(() => pickGruSequence("quick" as never), /implementation: "quick", expected one of reference, fused, auto/);
});

test("pickGruSequence('auto') without options chooses per call for the active backend (on cpu: fused for sigmoid, no tf MatMul kernel runs; reference for hardSigmoid)", async () => {
  await tf.setBackend("cpu");
  const x = tf.randomNormal([2, 3, 2]) as tf.Tensor3D;
  const h0 = tf.zeros([2, 4]) as tf.Tensor2D;
  const kernel = tf.randomNormal([2, 12]) as tf.Tensor2D;
  const recurrentKernel = tf.randomNormal([4, 12]) as tf.Tensor2D;
  const kernelsRun = async (o: { resetAfter: boolean; recurrentActivation?: string }) =>
    (await tf.profile(() => tf.tidy(() => pickGruSequence("auto")({ x, h0, kernel, recurrentKernel, bias: null }, o).z.sum()))).kernelNames;
  // fused: the whole sequence is one wasm call (no tf kernels); reference (hardSigmoid): tf ops per step.
  assert.ok(!(await kernelsRun({ resetAfter: true })).includes("BatchMatMul"));
  assert.ok((await kernelsRun({ resetAfter: true, recurrentActivation: "hardSigmoid" })).includes("BatchMatMul"));
  tf.dispose([x, h0, kernel, recurrentKernel]);
});
