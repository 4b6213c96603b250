import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { buildTutorialClassifier, initBackend } from "../../src/index";
import { disposeModel } from "../../src/models/disposeModel";

test("model.dispose() leaves Adam's 12 tensors; disposeModel returns tf.memory().numTensors to its start", async () => {
  await initBackend("cpu");
  const x = tf.zeros([4, 3, 2]);
  const y = tf.oneHot(tf.tensor1d([0, 1, 2, 1], "int32"), 3);
  const start = tf.memory().numTensors;
  const trained = async () => {
    const model = buildTutorialClassifier({ timesteps: 3, inputDim: 2, outputDim: 3, units: 4 });
    await model.trainOnBatch(x, y);
    return model;
  };
  const plain = await trained();
  plain.dispose();
  // The finding, kept as a fact about tfjs: GRU (3 weights) + Dense (2) → 2 moments each + 2 beta powers.
  assert.equal(tf.memory().numTensors - start, 12);
  (plain.optimizer as tf.Optimizer).dispose();
  assert.equal(tf.memory().numTensors, start);

  for (let i = 0; i < 3; i++) {
    const model = await trained();
    assert.equal(disposeModel(model), 5 + 12, "5 weights and Adam's 12 tensors");
    assert.equal(tf.memory().numTensors, start);
  }
  // An optimizer the model owns (compiled by name) is disposed once, by tfjs.
  const owned = buildTutorialClassifier({ timesteps: 3, inputDim: 2, outputDim: 3, units: 4 });
  (owned.optimizer as tf.Optimizer).dispose(); // the builder's Adam, replaced below (its 2 beta powers exist from construction)
  owned.compile({ optimizer: "adam", loss: "categoricalCrossentropy" });
  await owned.trainOnBatch(x, y);
  disposeModel(owned);
  assert.equal(tf.memory().numTensors, start);
  tf.dispose([x, y]);
});
