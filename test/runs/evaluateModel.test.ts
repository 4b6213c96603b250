import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { evaluateModel } from "../../src/runs/evaluateModel";
import { initBackend } from "../../src/index";

/** A one-layer model with the given weights: y = act(x·kernel + bias). */
function dense(kernel: number[][], bias: number[], activation: "softmax" | "linear", loss: string): tf.LayersModel {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: kernel[0].length, inputShape: [kernel.length], activation })] });
  model.setWeights([tf.tensor2d(kernel), tf.tensor1d(bias)]);
  model.compile({ optimizer: "sgd", loss });
  return model;
}

test("evaluateModel, classification: accuracy, loss, confusion, the majority baseline and predictions.csv, against plain JS", async () => {
  await initBackend("cpu");
  const model = dense([[1, -1]], [0, 0], "softmax", "categoricalCrossentropy"); // class a when x > 0
  const xs = [1, -1, 2, -3, 0.5], labels = [0, 0, 1, 1, 1];
  const x = tf.tensor2d(xs, [5, 1]), y = tf.oneHot(tf.tensor1d(labels, "int32"), 2);
  const e = await evaluateModel(model, { x, y }, "classification", ["a", "b"]);
  const predicted = xs.map((v) => (v > 0 ? 0 : 1));
  assert.equal(e.part.test.accuracy, predicted.filter((p, i) => p === labels[i]).length / 5); // 0.4
  const pA = xs.map((v) => Math.exp(v) / (Math.exp(v) + Math.exp(-v)));
  const loss = -labels.map((c, i) => Math.log(c === 0 ? pA[i] : 1 - pA[i])).reduce((s, v) => s + v, 0) / 5;
  assert.ok(Math.abs(e.part.test.loss - loss) < 1e-5, `${e.part.test.loss} vs ${loss}`);
  assert.deepEqual(e.part.confusion, [[1, 1], [2, 1]]); // rows actual, columns predicted
  assert.deepEqual(e.baseline, { name: "majority class (b)", test: { accuracy: 0.6 } });
  assert.equal(e.predictionsCsv, "index,actual,predicted\n0,a,a\n1,a,b\n2,b,a\n3,b,b\n4,b,a\n");
  tf.dispose([x, y]);
  model.dispose();
});

test("evaluateModel, regression with two outputs: mae, rmse and an actual/predicted pair per output; mismatched sizes are an error", async () => {
  await initBackend("cpu");
  const model = dense([[1, 0], [0, 2]], [0, 1], "linear", "meanSquaredError"); // y = [x0, 2·x1 + 1]
  const x = tf.tensor2d([[1, 2], [3, -1]]), y = tf.tensor2d([[1.5, 5], [3, 0]]);
  const e = await evaluateModel(model, { x, y }, "regression", undefined);
  const errors = [1 - 1.5, 5 - 5, 3 - 3, -1 - 0];
  assert.ok(Math.abs(e.part.test.mae - errors.reduce((s, v) => s + Math.abs(v), 0) / 4) < 1e-7);
  assert.ok(Math.abs(e.part.test.rmse - Math.sqrt(errors.reduce((s, v) => s + v * v, 0) / 4)) < 1e-7);
  assert.equal(e.baseline, null);
  assert.equal(e.predictionsCsv, "index,actual_0,predicted_0,actual_1,predicted_1\n0,1.5,1,5,5\n1,3,3,0,-1\n");
  const short = tf.tensor2d([[1, 1]]);
  await assert.rejects(evaluateModel(model, { x, y: short }, "regression", undefined), /^Error: evaluate: x has 2 samples but y has 1$/);
  tf.dispose([x, y, short]);
  model.dispose();
});

test("evaluateModel in chunks of 2,048 samples: the predictions a single pass gives, the loss to float32 rounding, and an aborted signal stops it between chunks", async () => {
  await initBackend("cpu");
  const model = dense([[1, -1, 0.5], [0.3, 0.2, -0.7]], [0, 0.1, -0.1], "softmax", "categoricalCrossentropy");
  const n = 5000; // three chunks
  const xs = Array.from({ length: 2 * n }, (_, i) => Math.sin(i * 0.37) * 3);
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  const x = tf.tensor2d(xs, [n, 2]), y = tf.oneHot(tf.tensor1d(labels, "int32"), 3);
  const e = await evaluateModel(model, { x, y }, "classification", ["a", "b", "c"]);
  const whole = model.predict(x) as tf.Tensor;
  const guesses = Array.from(whole.argMax(-1).dataSync());
  assert.equal(e.part.test.accuracy, guesses.filter((g, i) => g === labels[i]).length / n);
  assert.equal(e.predictionsCsv.split("\n")[4999 + 1], `4999,${"abc"[labels[4999]]},${"abc"[guesses[4999]]}`);
  const loss = (model.evaluate(x, y, { batchSize: 256 }) as tf.Scalar).dataSync()[0];
  assert.ok(Math.abs(e.part.test.loss - loss) < 1e-6 * loss, `${e.part.test.loss} vs ${loss}`);
  const before = tf.memory().numTensors;
  const controller = new AbortController();
  setImmediate(() => controller.abort(new Error("SIGINT during evaluation")));
  await assert.rejects(evaluateModel(model, { x, y }, "classification", ["a", "b", "c"], { signal: controller.signal }), /SIGINT during evaluation/);
  assert.equal(tf.memory().numTensors, before, "no tensor left by the stopped evaluation");
  tf.dispose([x, y, whole]);
  model.dispose();
});

test("evaluateModel keeps the predicted classes (a single pass's argmax), logs progress every 5 s of a long evaluation with counts, and stops within a pause once aborted", async () => {
  await initBackend("cpu");
  const model = dense([[1, -1, 0.5], [0.3, 0.2, -0.7]], [0, 0.1, -0.1], "softmax", "categoricalCrossentropy");
  const n = 7000; // four chunks of 2,048
  const xs = Array.from({ length: 2 * n }, (_, i) => Math.cos(i * 0.21) * 2);
  const labels = Array.from({ length: n }, (_, i) => (i * 7) % 3);
  const x = tf.tensor2d(xs, [n, 2]), y = tf.oneHot(tf.tensor1d(labels, "int32"), 3);
  const whole = model.predict(x) as tf.Tensor;
  const guesses = Array.from(whole.argMax(-1).dataSync());
  const lines: string[] = [];
  const e = await evaluateModel(model, { x, y }, "classification", ["a", "b", "c"], { log: (l) => lines.push(l) });
  assert.deepEqual(e.predictedClasses, guesses);
  assert.equal(lines.length, 0, "a short evaluation prints nothing");
  // The test hook stretches each pause between chunks to 2.6 s: the first line comes after the third chunk (5.2 s);
  // the log aborts the signal there, and the evaluation stops at once, not after the next 2.6 s pause.
  process.env.GRULAB_TEST_EVALUATION_PAUSE_MS = "2600";
  try {
    const controller = new AbortController();
    let loggedAt = 0;
    const stopped = evaluateModel(model, { x, y }, "classification", ["a", "b", "c"], {
      signal: controller.signal, log: (l) => { lines.push(l); loggedAt = performance.now(); controller.abort(new Error("SIGINT during evaluation")); },
    });
    await assert.rejects(stopped, /SIGINT during evaluation/);
    assert.deepEqual(lines.map((l) => l.replace(/\d+ s$/, "T s")), ["evaluation: 6,144 of 7,000 test samples (87 %), T s"]);
    assert.match(lines[0], /, [56] s$/);
    assert.ok(performance.now() - loggedAt < 1000, `stopped ${performance.now() - loggedAt} ms after the abort`);
  } finally {
    delete process.env.GRULAB_TEST_EVALUATION_PAUSE_MS;
  }
  // 20,480 samples or more: a first line at once.
  const big = tf.zeros([20480, 2]), bigY = tf.oneHot(tf.zeros([20480], "int32"), 3);
  const first: string[] = [];
  await evaluateModel(model, { x: big, y: bigY }, "classification", ["a", "b", "c"], { log: (l) => first.push(l) });
  assert.equal(first[0], "evaluation: 20,480 test samples in chunks of 2,048 (a line every 5 s)…");
  tf.dispose([big, bigY]);
  const regression = dense([[1], [2]], [0], "linear", "meanSquaredError");
  const zeros = tf.zeros([n, 1]);
  assert.equal((await evaluateModel(regression, { x, y: zeros }, "regression", undefined)).predictedClasses, null);
  tf.dispose([x, y, whole, zeros]);
  model.dispose();
  regression.dispose();
});
