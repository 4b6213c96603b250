import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/index";
import { buildCharLm, OneHotLayer } from "../../src/studies/index";

test("OneHotLayer turns ids into one-hot rows as tf.oneHot does (an id outside the depth → zeros)", async () => {
  await initBackend();
  const layer = new OneHotLayer({ depth: 4 });
  const out = layer.apply(tf.tensor2d([[0, 3], [2, 7]], [2, 2], "int32")) as tf.Tensor;
  assert.deepEqual(out.shape, [2, 2, 4]);
  assert.deepEqual(out.arraySync(), [[[1, 0, 0, 0], [0, 0, 0, 1]], [[0, 0, 1, 0], [0, 0, 0, 0]]]);
  assert.deepEqual(layer.computeOutputShape([null, 5]), [null, 5, 4]);
});

test("OneHotLayer serializes: a char LM survives toJSON → modelFromJSON with the same predictions", async () => {
  await initBackend();
  const model = buildCharLm({ vocabSize: 7, units: 3, seed: 9 });
  const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON["modelTopology"] });
  copy.setWeights(model.getWeights());
  const x = tf.tensor2d([[0, 6, 3, 2]], [1, 4], "int32");
  const a = (model.predict(x) as tf.Tensor).dataSync(), b = (copy.predict(x) as tf.Tensor).dataSync();
  assert.deepEqual(Array.from(b), Array.from(a));
  assert.throws(() => new OneHotLayer({ depth: 0 }), /option depth: 0/);
});
