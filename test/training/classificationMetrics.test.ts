import { test } from "node:test";
import * as assert from "node:assert/strict";
import { classificationMetrics } from "../../src/index";

test("classificationMetrics counts the confusion matrix, precision, recall and support by hand", () => {
  const classes = ["rain", "sun", "fog"];
  //            actual:  rain rain rain sun sun sun sun fog
  const actual =       [0,   0,   0,   1,  1,  1,  1,  2];
  const predicted =    [0,   1,   0,   1,  1,  0,  1,  1];
  const m = classificationMetrics(actual, predicted, classes);
  assert.deepEqual(m.confusion, [[2, 1, 0], [1, 3, 0], [0, 1, 0]]);
  assert.equal(m.accuracy, 5 / 8);
  // sun is the majority of these samples: 4 of 8.
  assert.equal(m.baselineClass, "sun");
  assert.equal(m.baselineAccuracy, 0.5);
  assert.deepEqual(m.perClass, [
    { class: "rain", precision: 2 / 3, recall: 2 / 3, support: 3 },
    { class: "sun", precision: 3 / 5, recall: 3 / 4, support: 4 },
    { class: "fog", precision: 0, recall: 0, support: 1 }, // never predicted: precision 0
  ]);
});

test("classificationMetrics takes the baseline from the samples scored, not from elsewhere", () => {
  // Two classes; here "b" is the majority even though "a" comes first.
  const m = classificationMetrics([1, 1, 0], [0, 0, 0], ["a", "b"]);
  assert.equal(m.baselineClass, "b");
  assert.equal(m.baselineAccuracy, 2 / 3);
  assert.equal(m.accuracy, 1 / 3);
});

test("classificationMetrics rejects mismatched lengths and labels outside the classes", () => {
  assert.throws(() => classificationMetrics([0], [0, 1], ["a", "b"]), /1 actual labels but 2 predictions/);
  assert.throws(() => classificationMetrics([0, 5], [0, 1], ["a", "b"]), /actual label 1 is 5/);
  assert.throws(() => classificationMetrics([], [], ["a"]), /no samples/);
});

test("classificationMetrics' macro-F1 is the mean of 2PR/(P+R) per class, 0 for a class never right", () => {
  const m = classificationMetrics([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], ["a", "b", "c"]);
  const f1 = m.perClass.map((c) => (c.precision + c.recall > 0 ? (2 * c.precision * c.recall) / (c.precision + c.recall) : 0));
  assert.deepEqual(f1.map((v) => v.toFixed(6)), ["0.500000", "0.800000", "0.000000"]);
  assert.ok(Math.abs(m.macroF1 - 1.3 / 3) < 1e-12);
});
