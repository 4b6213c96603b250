import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { initBackend } from "../../src/backend";
import { gruVsLstmSweep, type GruVsLstmSweepOptions } from "../../src/sweeps/gruVsLstmSweep";
import { tempFolder } from "../support/tempFolder";

/** The lines of a CSV without quoted cells, as records (numbers parsed). */
function csvRows(file: string): Array<Record<string, string | number>> {
  const [head, ...lines] = fs.readFileSync(file, "utf8").trim().split("\n");
  const names = head.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, k) => [names[k], v !== "" && Number.isFinite(Number(v)) ? Number(v) : v])));
}

test("gruVsLstmSweep: a bad task is refused before any folder exists", async (t) => {
  const out = tempFolder(t, "gvlsweep");
  await assert.rejects(gruVsLstmSweep({ task: "sort" as GruVsLstmSweepOptions["task"], out, progress: "none" }), { message: 'gru-vs-lstm option task: "sort", expected "adding" or "recall"' });
  assert.deepEqual(fs.readdirSync(out), []);
});

test("gruVsLstmSweep: the three cells × seeds as trials of one sweep; each row is the hand-computed mean ± sample sd of its trials' test scores, their params and seconds per epoch", async (t) => {
  await initBackend("cpu");
  const out = tempFolder(t, "gvlsweep");
  const { rows, sweep } = await gruVsLstmSweep({ task: "recall", length: 5, gruUnits: 3, trainSamples: 16, symbols: 4, seeds: 2, epochs: 1, workers: 0, out, progress: "none" });
  assert.equal(sweep.dir, path.join(out, "gru-vs-lstm-recall-T5"), "the default name");
  assert.equal(sweep.status, "finished");
  const results = csvRows(path.join(sweep.dir, "results.csv"));
  assert.equal(results.length, 6);
  assert.deepEqual(rows.map((r) => r.cell), ["gru", "lstm", "simpleRnn"]);
  for (const row of rows) {
    const trials = results.filter((r) => r.cell === row.cell);
    assert.deepEqual(trials.map((r) => r.seed), [1, 2]);
    assert.deepEqual(row.runDirs, trials.map((r) => path.join(sweep.dir, "trials", String(r.trialId))));
    const [a, b] = trials.map((r) => r.test_score as number);
    assert.ok(a >= 0 && a <= 1 && b >= 0 && b <= 1, "recall: test accuracies");
    assert.ok(Math.abs(row.score.mean - (a + b) / 2) < 1e-12, `${row.cell} mean`);
    assert.ok(Math.abs(row.score.sd - Math.abs(a - b) / Math.SQRT2) < 1e-12, `${row.cell} sample sd of two`);
    const params = row.runDirs.map((d) => JSON.parse(fs.readFileSync(path.join(d, "config.json"), "utf8")).params as number);
    assert.deepEqual(params, [row.params, row.params], "the same size for every seed");
    const perEpoch = row.runDirs.map((d) => {
      const h = csvRows(path.join(d, "history.csv"));
      return h.reduce((s, r) => s + (r.seconds as number), 0) / h.length;
    });
    assert.ok(Math.abs(row.secondsPerEpoch.mean - (perEpoch[0] + perEpoch[1]) / 2) < 1e-9, `${row.cell} seconds per epoch`);
  }
  assert.ok(Math.max(...rows.map((r) => r.params)) <= 1.5 * Math.min(...rows.map((r) => r.params)), `parameter counts matched: ${rows.map((r) => r.params)}`);
});
