import { test } from "node:test";
import * as assert from "node:assert/strict";
import { readRecurrentSettings, recurrentConfig } from "../../src/models/recurrentSettings";

test("readRecurrentSettings applies Keras's defaults and keeps what is given", () => {
  const s = readRecurrentSettings({ units: 4 }, "LSTM");
  assert.deepEqual({ ...s, objects: Object.keys(s.objects) }, {
    units: 4, activation: "tanh", useBias: true, returnSequences: false, returnState: false, goBackwards: false, dropout: 0, recurrentDropout: 0,
    implementation: "auto", objects: ["kernelInitializer", "recurrentInitializer", "biasInitializer", "kernelRegularizer", "recurrentRegularizer",
      "biasRegularizer", "kernelConstraint", "recurrentConstraint", "biasConstraint"],
  });
  assert.equal(s.objects.kernelRegularizer, undefined);
  const t = readRecurrentSettings({ units: 2, activation: "relu", useBias: false, dropout: 0.5, implementation: "reference", kernelRegularizer: "l2" }, "SimpleRNN");
  assert.deepEqual([t.activation, t.useBias, t.dropout, t.implementation], ["relu", false, 0.5, "reference"]);
  assert.equal(t.objects.kernelRegularizer?.getClassName(), "L1L2");
});

test("readRecurrentSettings: bad options name the cell and the option", () => {
  assert.throws(() => readRecurrentSettings({ units: 1.5 }, "LSTM"), /^Error: LSTM option units: 1.5, expected a positive integer$/);
  assert.throws(() => readRecurrentSettings({ units: 2, recurrentDropout: 1 }, "SimpleRNN"), /^Error: SimpleRNN option recurrentDropout: 1, expected a number in \[0, 1\)$/);
  assert.throws(() => readRecurrentSettings({ units: 2, implementation: "fast" as never }, "GRU"), /^Error: GRU option implementation: "fast", expected one of reference, fused, auto$/);
  assert.throws(() => readRecurrentSettings({ units: 2, biasInitializer: "nope" }, "LSTM"), /^Error: LSTM option biasInitializer: unknown initializer "nope"/);
  assert.throws(() => readRecurrentSettings({ units: 2, activation: "tanhh" }, "LSTM"), /^Error: LSTM option activation: unknown activation "tanhh"/);
  assert.throws(() => readRecurrentSettings({ units: 2, kernelConstraint: { className: "NoSuchConstraint", config: {} } }, "SimpleRNN"), /^Error: SimpleRNN option kernelConstraint: unknown constraint class "NoSuchConstraint"; expected the className of a constraint tfjs has registered \(as a saved model stores it\), or give one of the names maxNorm, minMaxNorm, nonNeg, unitNorm$/);
});

test("recurrentConfig round-trips through readRecurrentSettings", () => {
  const s = readRecurrentSettings({ units: 3, goBackwards: true, recurrentDropout: 0.25, kernelRegularizer: "l2" }, "LSTM");
  const config = recurrentConfig(s, s.objects);
  assert.deepEqual(config.kernelRegularizer, { className: "L1L2", config: { l1: 0, l2: 0.01 } });
  assert.equal(config.biasConstraint, null);
  const again = readRecurrentSettings(config as never, "LSTM");
  assert.deepEqual(recurrentConfig(again, again.objects), config);
});
