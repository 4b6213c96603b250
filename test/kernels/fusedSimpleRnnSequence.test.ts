import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { fusedSimpleRnnSequence, fusedSimpleRnnSupports } from "../../src/kernels/fusedSimpleRnnSequence";
import type { CellCase } from "../support/float64Cells";
import { checkFusedCase, checkLastStepOnly, checkOracleAgainstDifferences, describe, oddSizeCases } from "../support/rnnTestCases";

const cases = oddSizeCases("simpleRnn");

test("the float64 oracle's SimpleRNN backward matches central differences of its forward (tiny case)", () => {
  checkOracleAgainstDifferences({ cell: "simpleRnn", batch: 2, time: 3, inputDim: 2, units: 3, useBias: true }, 5);
});

for (const backend of ["cpu", "wasm"]) {
  for (const k of cases) {
    const name = `${backend}: B${k.batch} T${k.time} D${k.inputDim} H${k.units} bias ${k.useBias}`;
    test(`fusedSimpleRnnSequence: h and every gradient match float64 BPTT and the reference within 1e-5 (${name})`, async () => {
      await tf.setBackend(backend);
      const worst = checkFusedCase(k, k.units * 17 + k.inputDim);
      console.log(`  [${name}] ${describe(worst)}`);
    });
  }
}

test("fusedSimpleRnnSupports accepts tanh only, and fusedSimpleRnnSequence says why it refuses the rest", async () => {
  await tf.setBackend("cpu");
  assert.equal(fusedSimpleRnnSupports({}), true);
  assert.equal(fusedSimpleRnnSupports({ activation: "relu" }), false);
  const t = {
    x: tf.zeros([2, 3, 2]) as tf.Tensor3D, h0: tf.zeros([2, 3]) as tf.Tensor2D, kernel: tf.zeros([2, 3]) as tf.Tensor2D,
    recurrentKernel: tf.zeros([3, 3]) as tf.Tensor2D, bias: null,
  };
  assert.throws(() => fusedSimpleRnnSequence(t, { activation: "relu" }), /activation "relu" is not supported/);
  assert.throws(() => fusedSimpleRnnSequence({ ...t, kernel: tf.zeros([3, 3]) as tf.Tensor2D }, {}), /fused simpleRnn: input kernel must be float32 \[2,3\], got float32 \[3,3\]/);
  tf.dispose([t.x, t.h0, t.kernel, t.recurrentKernel]);
});

for (const backend of ["cpu", "wasm"]) {
  test(`lastStepOnly (returnSequences false): the last step only, [batch, 1, units]; every gradient matches the reference's through its last step; the BPTT equals the zero-padded one bitwise (${backend})`, async () => {
    await tf.setBackend(backend);
    checkLastStepOnly({ cell: "simpleRnn", batch: 3, time: 7, inputDim: 2, units: 5, useBias: true }, 31);
    checkLastStepOnly({ cell: "simpleRnn", batch: 2, time: 1, inputDim: 3, units: 17, useBias: true }, 41);
  });
}
