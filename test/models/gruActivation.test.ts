// gruActivation: each activation against its formula in plain JS, and the error for an unknown name.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { gruActivation } from "../../src/models/gruActivation";

// SELU's constants (Klambauer et al. 2017).
const SELU_ALPHA = 1.6732632423543772, SELU_SCALE = 1.0507009873554805;
const FORMULAS: Record<string, (x: number) => number> = {
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  hardSigmoid: (x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)), // tfjs's (Keras 2's) slope 0.2
  relu: (x) => Math.max(0, x),
  linear: (x) => x,
  softsign: (x) => x / (1 + Math.abs(x)),
  elu: (x) => (x > 0 ? x : Math.exp(x) - 1),
  selu: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1)),
};
const xs = [-4, -2.5, -1, -0.2, 0, 0.3, 1, 2.5, 4];

for (const [name, f] of Object.entries(FORMULAS)) {
  test(`${name}: matches its formula within 1e-6`, () => {
    const got = tf.tidy(() => gruActivation(name, "GRU option activation")(tf.tensor1d(xs)).dataSync());
    xs.forEach((x, i) => assert.ok(Math.abs(got[i] - f(x)) <= 1e-6 * Math.max(1, Math.abs(f(x))), `${name}(${x}) = ${got[i]}, want ${f(x)}`));
  });
}

test("names inherited from Object.prototype are unknown activations", () => {
  for (const name of ["toString", "constructor", "__proto__"]) {
    assert.throws(() => gruActivation(name, "GRU option activation"), { message: `GRU option activation: unknown activation "${name}"; expected one of tanh, sigmoid, hardSigmoid, relu, linear, softsign, elu, selu` });
  }
});

test("an unknown name is an error starting with the option and listing the accepted names", () => {
  assert.throws(() => gruActivation("gelu", "LSTM option recurrentActivation"),
    { message: 'LSTM option recurrentActivation: unknown activation "gelu"; expected one of tanh, sigmoid, hardSigmoid, relu, linear, softsign, elu, selu' });
  assert.throws(() => gruActivation("toString", "GRU option activation"), /unknown activation "toString"/);
});
