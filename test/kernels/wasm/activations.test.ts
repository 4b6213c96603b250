// src/kernels/wasm/activations.ts (vectorised exp, sigmoid, tanh): the AssemblyScript functions are
// inlined into the kernels, so they are read through the smallest phase that applies them to
// values it is given: rnn.wasm's SimpleRNN step (h = tanh(a) with h0 = 0) and LSTM step (gate
// i = σ(a), c̃ = tanh(a)), with a = x·W and x = 1, so a is exactly W. Reference: Math.tanh and
// 1 / (1 + e^(−x)) in float64.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { rnnKernelForward } from "../../../src/kernels/rnnKernel";

process.env.GRULAB_KERNEL = "wasm"; // read at the first kernel call, below

const special = [0, -0, 1e-8, -1e-8, 1e-3, -1e-3, 0.5, -0.5, 1, -1, 3, -3, 9, -9, 20, -20, 40, -40, 86, -86, 87, -87, 88, -88, 100, -100, 1e6, -1e6];
const grid = Array.from({ length: 401 }, (_, i) => -20 + i * 0.1);
const values = Float32Array.from([...special, ...grid]);

function simpleRnnTanh(v: Float32Array): Float32Array {
  const n = v.length;
  return rnnKernelForward({ cell: "simpleRnn", batch: 1, time: 1, inputDim: 1, units: n },
    { x: Float32Array.of(1), h0: new Float32Array(n), c0: null, kernel: v, recurrentKernel: new Float32Array(n * n), bias: null }, false).h;
}

function lstmGates(v: Float32Array): Float32Array[] {
  const n = v.length;
  const kernel = new Float32Array(4 * n);
  kernel.set(v, 0); // i block
  kernel.set(v, 2 * n); // c̃ block
  return rnnKernelForward({ cell: "lstm", batch: 1, time: 1, inputDim: 1, units: n },
    { x: Float32Array.of(1), h0: new Float32Array(n), c0: new Float32Array(n), kernel, recurrentKernel: new Float32Array(n * 4 * n), bias: null }, false).gates;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

test("vtanh is within 3·2⁻²⁴ of float64 tanh, odd to the bit, 0 at 0 and ±1 far out (SimpleRNN step)", () => {
  const got = simpleRnnTanh(values);
  let worst = 0;
  values.forEach((x, i) => {
    worst = Math.max(worst, Math.abs(got[i] - Math.tanh(x)));
    if (Math.abs(x) >= 10) assert.equal(got[i], Math.sign(x), `tanh(${x})`);
  });
  console.log(`  tanh: worst |error| ${worst.toExponential(2)} over ${values.length} values`);
  assert.ok(worst <= 3 * 2 ** -24, `worst error ${worst}`);
  assert.equal(got[0], 0, "tanh(0) = 0"); // (x·W with W = −0 gives +0: the ±0 pair is not told apart)
  for (let i = 2; i < special.length; i += 2) assert.equal(got[i + 1], -got[i], `tanh(−${values[i]}) = −tanh(${values[i]})`);
  // relative accuracy where tanh is not near 0 (the cancellation in 1 − e^(−2|x|) costs absolute, not relative, precision)
  values.forEach((x, i) => { if (Math.abs(x) >= 0.5) assert.ok(Math.abs(got[i] / Math.tanh(x) - 1) <= 4e-7, `tanh(${x}) = ${got[i]}`); });
});

test("vsigmoid is within 3·2⁻²⁴ of float64 σ, 1/2 at 0, in [0, 1] everywhere (LSTM input gate), and the LSTM's c̃ is vtanh", () => {
  const [i, , cTilde] = lstmGates(values);
  let worst = 0;
  values.forEach((x, k) => {
    worst = Math.max(worst, Math.abs(i[k] - sigmoid(x)));
    assert.ok(i[k] >= 0 && i[k] <= 1, `σ(${x}) = ${i[k]}`);
    if (x >= -80 && x <= 80) assert.ok(Math.abs(i[k] / sigmoid(x) - 1) <= 8e-7, `σ(${x}) = ${i[k]}, float64 ${sigmoid(x)}`);
  });
  console.log(`  sigmoid: worst |error| ${worst.toExponential(2)}`);
  assert.ok(worst <= 3 * 2 ** -24, `worst error ${worst}`);
  assert.equal(i[0], 0.5);
  assert.deepEqual(cTilde, simpleRnnTanh(values));
});
