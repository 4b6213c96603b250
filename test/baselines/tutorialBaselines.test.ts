import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { loadSeattleWeather } from "../../src/data/loadSeattleWeather";
import { tutorialBaselines } from "../../src/baselines/tutorialBaselines";

test("tutorialBaselines on the bundled data: the measured rule accuracies, a learned model over seeds, the strongest", async () => {
  await tf.setBackend("cpu");
  const data = await loadSeattleWeather({ timesteps: 14, verbose: false });
  try {
    const { rows, strongest } = await tutorialBaselines(data, { seeds: [1, 2], epochs: 3, patience: 2 });
    assert.deepEqual(rows.map((r) => r.name), [
      "majority class (sun)", "persistence (tomorrow = today)", "rain if precipitation > 0, else sun", "logistic regression on the flattened window",
    ]);
    // Counted independently over the 219 test days: sun 106, same class as the day before 135, rule right 141.
    const test = data.test;
    const sun = data.classes.indexOf("sun");
    const rain = data.classes.indexOf("rain");
    const p = data.featureNames.indexOf("precipitation");
    const count = (f: (i: number) => boolean) => test.labels.filter((_, i) => f(i)).length / test.labels.length;
    assert.equal(rows[0].accuracy.mean, count((i) => test.labels[i] === sun));
    assert.equal(rows[1].accuracy.mean, count((i) => test.labels[i] === test.previousLabels[i]));
    assert.equal(rows[2].accuracy.mean, count((i) => test.labels[i] === (test.unscaled[i][13][p] > 0 ? rain : sun)));
    assert.deepEqual(rows.slice(0, 3).map((r) => (100 * r.accuracy.mean).toFixed(1)), ["48.4", "61.6", "64.4"]);
    assert.equal(rows[3].perSeed.length, 2);
    assert.equal(rows[3].accuracy.n, 2);
    rows[3].perSeed.forEach((a) => assert.ok(a > 0 && a <= 1));
    assert.equal(strongest.accuracy.mean, Math.max(...rows.map((r) => r.accuracy.mean)));
    // today's label of test window i+1 is the label of test window i (consecutive days)
    for (let i = 1; i < test.labels.length; i++) assert.equal(test.previousLabels[i], test.labels[i - 1]);
  } finally {
    data.dispose();
  }
});
