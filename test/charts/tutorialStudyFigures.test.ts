import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { tutorialStudyFigures } from "../../src/charts/tutorialStudyFigures";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const results = JSON.parse(fs.readFileSync(path.join(ROOT, "results", "tutorial.json"), "utf8"));

test("tutorialStudyFigures: accuracy per seed with McNemar's p on each marker, every baseline a line", () => {
  const { accuracyBySeed } = tutorialStudyFigures(results);
  const [gru, ...lines] = accuracyBySeed.data;
  assert.deepEqual(gru.x, results.perSeed.map((s: { seed: number }) => s.seed));
  (gru.y as number[]).forEach((v, i) => assert.ok(Math.abs(v - 100 * results.perSeed[i].accuracy) < 1e-12));
  assert.deepEqual(gru.text, results.mcnemar.perSeed.map((s: { pValue: number }) => `p ${s.pValue.toFixed(2)}`));
  assert.ok(Math.abs((gru.error_y as { value: number }).value - 100 * results.gru.standardErrorOneRun) < 1e-12);
  // Names as plotly text: "&", "<", ">" escaped ("rain if precipitation > 0").
  assert.deepEqual(lines.map((t) => t.name), Object.values(results.baselines).map((b) => (b as { name: string }).name.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")));
  lines.forEach((t, i) => assert.ok((t.y as number[]).every((v) => Math.abs(v - 100 * (Object.values(results.baselines)[i] as { accuracy: number }).accuracy) < 1e-12)));
});

test("tutorialStudyFigures: log-loss and Brier per seed beside the logistic regression's, in two panels", () => {
  const { probabilisticScores } = tutorialStudyFigures(results);
  const lr = results.baselines.logisticRegression;
  const byName = (s: string) => probabilisticScores.data.find((t) => String(t.name).endsWith(s) && String(t.name).startsWith("GRU"))!;
  assert.deepEqual(byName("log-loss").y, results.perSeed.map((s: { logLoss: number }) => s.logLoss));
  assert.deepEqual(byName("Brier").y, results.perSeed.map((s: { brier: number }) => s.brier));
  assert.equal(byName("Brier").yaxis, "y2");
  assert.ok(probabilisticScores.data.some((t) => (t.y as number[])[0] === lr.logLoss) && probabilisticScores.data.some((t) => (t.y as number[])[0] === lr.brier));
});

test("tutorialStudyFigures names what it expected", () => {
  assert.throws(() => tutorialStudyFigures({ perSeed: [] }), /expected the contents of results\/tutorial.json/);
});
