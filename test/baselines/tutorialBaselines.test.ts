import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { loadSeattleWeather } from "../../src/data/loadSeattleWeather";
import { tutorialBaselines } from "../../src/baselines/tutorialBaselines";

test("tutorialBaselines on the bundled data: the measured rule accuracies, the logistic regression at its optimum, the strongest", async () => {
  await tf.setBackend("cpu");
  const data = await loadSeattleWeather({ timesteps: 14, verbose: false });
  try {
    const { rows, strongest } = await tutorialBaselines(data);
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
    // The logistic regression has no seed: one fit at the optimum, its L2 chosen on validation among the grid.
    assert.equal(rows[3].perSeed.length, 1);
    assert.ok([1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10].includes(rows[3].l2!));
    assert.equal(rows[3].predicted!.length, test.labels.length);
    assert.equal(rows[3].accuracy.mean, rows[3].predicted!.filter((c, i) => c === test.labels[i]).length / test.labels.length);
    rows[3].probabilities!.forEach((p) => assert.ok(Math.abs(p.reduce((s, v) => s + v, 0) - 1) < 1e-9));
    // Deterministic: the same data give the same predictions.
    assert.deepEqual((await tutorialBaselines(data)).rows[3].predicted, rows[3].predicted);
    rows.slice(0, 3).forEach((r) => assert.equal(r.predicted!.length, test.labels.length));
    assert.equal(strongest.accuracy.mean, Math.max(...rows.map((r) => r.accuracy.mean)));
    // today's label of test window i+1 is the label of test window i (consecutive days)
    for (let i = 1; i < test.labels.length; i++) assert.equal(test.previousLabels[i], test.labels[i - 1]);
  } finally {
    data.dispose();
  }
});

test("tutorialBaselines: the logistic regression's memory bound stops before flattening, naming the sizes and the option; an abort stops it mid-path", async () => {
  await tf.setBackend("cpu");
  const data = await loadSeattleWeather({ timesteps: 14, verbose: false });
  try {
    const sizes = `${data.train.labels.length.toLocaleString("en-US")} \\+ ${data.validation.labels.length} \\+ ${data.test.labels.length} flattened windows of 84 values`;
    await assert.rejects(tutorialBaselines(data, { memoryLimit: "64K" }), new RegExp(`^Error: memory bound: the logistic-regression baseline on ${sizes} would need about 1\\.\\d MiB, over the memory limit of 64\\.0 KiB \\(option memoryLimit \\(64K\\)`));
    const controller = new AbortController();
    const lines: string[] = [];
    const t0 = Date.now();
    setTimeout(() => controller.abort(new Error("SIGINT during baselines")), 300);
    await assert.rejects(tutorialBaselines(data, { signal: controller.signal, l2Grid: [1e-5], log: (l) => lines.push(l) }), /SIGINT during baselines/);
    assert.ok(Date.now() - t0 < 1500, `stopped ${Date.now() - t0} ms after the start (abort at 300 ms)`);
    // Only the fit's first line: the only fit (L2 1e-5, hundreds of iterations) was stopped inside.
    assert.deepEqual(lines, [`baselines: logistic regression on ${data.train.labels.length.toLocaleString("en-US")} flattened training windows of 84 values, L2 0.00001 first (a line every 5 s of a long fit)…`]);
  } finally {
    data.dispose();
  }
});
