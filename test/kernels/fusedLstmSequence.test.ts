import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { fusedLstmSequence, fusedLstmSupports } from "../../src/kernels/fusedLstmSequence";
import { rnnKernelModule } from "../../src/kernels/rnnKernelModule";
import type { CellCase } from "../support/float64Cells";
import { checkFusedCase, checkLastStepOnly, checkOracleAgainstDifferences, describe, oddSizeCases, randomCellArrays } from "../support/rnnTestCases";

const cases = oddSizeCases("lstm");

test("the float64 oracle's LSTM backward matches central differences of its forward (tiny case)", () => {
  checkOracleAgainstDifferences({ cell: "lstm", batch: 2, time: 3, inputDim: 2, units: 2, useBias: true }, 3);
});

for (const backend of ["cpu", "wasm"]) {
  for (const k of cases) {
    const name = `${backend}: B${k.batch} T${k.time} D${k.inputDim} H${k.units} bias ${k.useBias}`;
    test(`fusedLstmSequence: h, c, i, f, c̃, o and every gradient (losses on h only and on all outputs) match float64 BPTT and the reference within 1e-5 (${name})`, async () => {
      await tf.setBackend(backend);
      const worst = checkFusedCase(k, k.units * 31 + k.inputDim);
      console.log(`  [${name}] ${describe(worst)}`);
    });
  }
}

test("fusedLstmSupports accepts tanh/sigmoid only, and fusedLstmSequence says why it refuses the rest", async () => {
  await tf.setBackend("cpu");
  assert.equal(fusedLstmSupports({}), true);
  assert.equal(fusedLstmSupports({ recurrentActivation: "hardSigmoid" }), false);
  assert.equal(fusedLstmSupports({ activation: "relu" }), false);
  const [B, T, D, H] = [2, 3, 2, 3];
  const t = {
    x: tf.zeros([B, T, D]) as tf.Tensor3D, h0: tf.zeros([B, H]) as tf.Tensor2D, c0: tf.zeros([B, H]) as tf.Tensor2D,
    kernel: tf.zeros([D, 4 * H]) as tf.Tensor2D, recurrentKernel: tf.zeros([H, 4 * H]) as tf.Tensor2D, bias: tf.zeros([4 * H]) as tf.Tensor1D,
  };
  assert.throws(() => fusedLstmSequence(t, { recurrentActivation: "hardSigmoid" }), /recurrentActivation "hardSigmoid" are not supported/);
  assert.throws(() => fusedLstmSequence({ ...t, bias: tf.zeros([3 * H]) as tf.Tensor1D }, {}), /fused lstm: input bias must be float32 \[12\], got float32 \[9\]/);
  assert.throws(() => fusedLstmSequence({ ...t, c0: tf.zeros([B, H + 1]) as tf.Tensor2D }, {}), /input c0 must be float32 \[2,3\]/);
  tf.dispose(Object.values(t));
});

for (const backend of ["cpu", "wasm"]) {
  test(`200 fused LSTM training steps leave tf.memory().numTensors and the kernel's memory flat (${backend})`, async () => {
    await tf.setBackend(backend);
    const k: CellCase = { cell: "lstm", batch: 4, time: 6, inputDim: 3, units: 8, useBias: true };
    const a = randomCellArrays(k, 9);
    const x = tf.tensor3d(a.x, [4, 6, 3]);
    const h0 = tf.zeros([4, 8]) as tf.Tensor2D;
    const kernel = tf.variable(tf.tensor2d(a.kernel, [3, 32]));
    const recurrentKernel = tf.variable(tf.tensor2d(a.recurrentKernel, [8, 32]));
    const bias = tf.variable(tf.tensor1d(a.bias!));
    const optimizer = tf.train.adam(0.01);
    const step = () => optimizer.minimize(() => {
      const out = fusedLstmSequence({ x, h0, c0: h0, kernel, recurrentKernel, bias } as never, {});
      return tf.add(out.h.square().mean(), out.f.mean()) as tf.Scalar; // a gate in the loss too
    });
    step();
    const tensors = tf.memory().numTensors;
    const bytes = rnnKernelModule().memory.buffer.byteLength;
    for (let i = 0; i < 200; i++) step();
    console.log(`  ${backend}: numTensors ${tensors} → ${tf.memory().numTensors}, kernel memory ${bytes} → ${rnnKernelModule().memory.buffer.byteLength} bytes`);
    assert.equal(tf.memory().numTensors, tensors);
    assert.equal(rnnKernelModule().memory.buffer.byteLength, bytes);
    optimizer.dispose();
    tf.dispose([x, h0, kernel, recurrentKernel, bias]);
  });
}

for (const backend of ["cpu", "wasm"]) {
  test(`lastStepOnly (returnSequences false): the last step only, [batch, 1, units]; every gradient matches the reference's through its last step; the BPTT equals the zero-padded one bitwise (${backend})`, async () => {
    await tf.setBackend(backend);
    checkLastStepOnly({ cell: "lstm", batch: 3, time: 7, inputDim: 2, units: 5, useBias: true }, 31);
    checkLastStepOnly({ cell: "lstm", batch: 2, time: 1, inputDim: 3, units: 17, useBias: true }, 41);
    assert.throws(() => checkLastStepOnlyRefusal(), /option lastStepOnly is for fusedLstmStates/);
    assert.throws(() => checkLastStepOnlyRefusal({ lastCOnly: true }), /option lastCOnly is for fusedLstmStates/);
  });
}

function checkLastStepOnlyRefusal(options: { lastStepOnly?: boolean; lastCOnly?: boolean } = { lastStepOnly: true }): void {
  const z = (shape: number[]) => tf.zeros(shape);
  const t = { x: z([1, 2, 1]) as tf.Tensor3D, h0: z([1, 1]) as tf.Tensor2D, c0: z([1, 1]) as tf.Tensor2D, kernel: z([1, 4]) as tf.Tensor2D,
    recurrentKernel: z([1, 4]) as tf.Tensor2D, bias: null };
  try {
    fusedLstmSequence(t, options);
  } finally {
    tf.dispose([t.x, t.h0, t.c0, t.kernel, t.recurrentKernel]);
  }
}
