import { test } from "node:test";
import * as assert from "node:assert/strict";
import { classificationBaselines } from "../../src/baselines/classificationBaselines";

const classes = ["drizzle", "rain", "sun"];

test("classificationBaselines: majority of the training labels, persistence and the precipitation rule", () => {
  const [majority, persistence, rule] = classificationBaselines({
    classes,
    trainLabels: [2, 1, 2, 0, 2, 1], // sun 3, rain 2, drizzle 1
    todayLabels: [0, 1, 2, 2],
    todayPrecipitation: [0.3, 0, 12, 0],
  });
  assert.deepEqual(majority, { name: "majority class (sun)", predicted: [2, 2, 2, 2] });
  assert.deepEqual(persistence, { name: "persistence (tomorrow = today)", predicted: [0, 1, 2, 2] });
  assert.deepEqual(rule, { name: "rain if precipitation > 0, else sun", predicted: [1, 2, 1, 2] });
});

test("classificationBaselines breaks a majority tie by class order", () => {
  const [majority] = classificationBaselines({ classes, trainLabels: [2, 1, 1, 2], todayLabels: [0], todayPrecipitation: [0] });
  assert.equal(majority.name, "majority class (rain)");
});

test("classificationBaselines errors name the sample", () => {
  const base = { classes, trainLabels: [1], todayLabels: [1, 2], todayPrecipitation: [0, 1] };
  assert.throws(() => classificationBaselines({ ...base, todayLabels: [1, 3] }), /today's label 1 is 3, expected a class index in \[0, 3\)/);
  assert.throws(() => classificationBaselines({ ...base, todayPrecipitation: [0] }), /2 samples but 1 precipitation values/);
  assert.throws(() => classificationBaselines({ ...base, todayPrecipitation: [0, NaN] }), /precipitation of sample 1 is NaN/);
  assert.throws(() => classificationBaselines({ ...base, classes: ["fog", "rain", "snow"] }), /needs classes "rain" and "sun"/);
  assert.throws(() => classificationBaselines({ ...base, trainLabels: [] }), /no training labels/);
});
