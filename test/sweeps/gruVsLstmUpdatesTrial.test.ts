import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readHistoryCsv } from "../../src/runs/historyCsv";
import { MODEL_FILES } from "../../src/io/modelFiles";
import { RUN_FILES } from "../../src/runs/runFormat";
import { GRU_VS_LSTM_VARIANTS, gruVsLstmUpdatesTrial } from "../../src/sweeps/gruVsLstmUpdatesTrial";
import { startSweep } from "../../src/sweeps/startSweep";

const quiet = { progress: "none" as const, backend: "cpu", workers: 0 };
const small = { task: ["recall"], length: [5], gruUnits: [4], batchSize: [4], updatesPerEpoch: [3], validationSamples: [16], testSamples: [16], symbols: [3] };

test("gru-vs-lstm-updates: every epoch is updatesPerEpoch updates on new batches; config records the variant's cell, the clip and the updates; the ablations build what they say", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-trial-"));
  const sweep = await startSweep("variants", { ...quiet, dir: parent, trial: "gru-vs-lstm-updates", space: { ...small, variant: Object.keys(GRU_VS_LSTM_VARIANTS), seed: [1] }, metric: "val_loss", budget: { epochs: 3 } });
  assert.equal(sweep.rows.length, 7);
  for (const row of sweep.rows) {
    assert.equal(row.status, "finished", String(row.variant));
    const dir = path.join(sweep.dir, "trials", String(row.trialId));
    const config = JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8"));
    assert.equal(config.cell, GRU_VS_LSTM_VARIANTS[String(row.variant)].cell);
    assert.equal(config.updates, 9);
    assert.equal(config.clipNorm, 1);
    assert.equal(config.fit.batchSize, 4);
    const model = fs.readFileSync(path.join(dir, RUN_FILES.best, MODEL_FILES.json), "utf8");
    if (row.variant === "gru-reset-before") assert.match(model, /"reset_after":false/);
    if (row.variant === "gru") assert.match(model, /"reset_after":true/);
    if (row.variant === "lstm-forget-bias-0") assert.match(model, /"unit_forget_bias":false/);
    if (row.variant === "lstm") assert.match(model, /"unit_forget_bias":true/);
    assert.equal((await readHistoryCsv(path.join(dir, "history.csv"))).length, 3);
  }
});

test("gru-vs-lstm-updates refuses an unknown variant or task before it builds anything, naming the option", async () => {
  const context = { dir: "/nonexistent", epochs: 1, trialId: "x", startRun: () => Promise.reject(new Error("not reached")) };
  await assert.rejects(gruVsLstmUpdatesTrial({ variant: "gru-peephole" }, context), /option variant: "gru-peephole", expected one of gru, lstm, simpleRnn, gru-reset-before/);
  await assert.rejects(gruVsLstmUpdatesTrial({ task: "sorting" }, context), /option task: "sorting", expected "adding" or "recall"/);
  await assert.rejects(gruVsLstmUpdatesTrial({ length: 0 }, context), /option length: 0, expected a positive integer/);
});

test("gru-vs-lstm-updates with stopWhenSolved ends after the first epoch below the threshold, with the history of the unstopped trial up to there", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-stop-"));
  const space = { ...small, task: ["adding"], variant: ["gru"], seed: [1], learningRate: [0.03] };
  const full = await startSweep("full", { ...quiet, dir: parent, trial: "gru-vs-lstm-updates", space, metric: "val_loss", budget: { epochs: 5 } });
  const fullRows = await readHistoryCsv(path.join(full.dir, "trials", String(full.rows[0].trialId), "history.csv"));
  // A threshold the unstopped trial first passes before its last epoch (adding: the validation MSE).
  const threshold = [...fullRows.slice(0, 4)].sort((a, b) => a.val_loss - b.val_loss)[1].val_loss + 1e-12;
  const first = fullRows.findIndex((r) => r.val_loss < threshold);
  assert.ok(first >= 0 && first < 4);
  const stopped = await startSweep("stopped", { ...quiet, dir: parent, trial: "gru-vs-lstm-updates", space: { ...space, stopWhenSolved: [threshold] }, metric: "val_loss", budget: { epochs: 5 } });
  assert.equal(stopped.rows[0].status, "finished");
  assert.notEqual(stopped.rows[0].trialId, full.rows[0].trialId, "the stop is part of the trial's id");
  const dir = path.join(stopped.dir, "trials", String(stopped.rows[0].trialId));
  const rows = await readHistoryCsv(path.join(dir, "history.csv"));
  const strip = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== "seconds"));
  assert.deepEqual(rows.map(strip), fullRows.slice(0, first + 1).map(strip));
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8")).stopWhenSolved, threshold);
  assert.ok(fs.existsSync(path.join(dir, RUN_FILES.metrics)), "the stopped trial is tested");
  // The stop is in the last checkpoint: a resumed trial would train no further.
  const checkpoints = fs.readdirSync(path.join(dir, RUN_FILES.checkpoint)).filter((d) => d.startsWith("epoch-"));
  assert.deepEqual(checkpoints, [`epoch-${String(first + 1).padStart(4, "0")}`]);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, RUN_FILES.checkpoint, checkpoints[0], "state.json"), "utf8")).stoppedEarly, true);
  const context = { dir: "/nonexistent", epochs: 1, trialId: "x", startRun: () => Promise.reject(new Error("not reached")) };
  await assert.rejects(gruVsLstmUpdatesTrial({ stopWhenSolved: -1 }, context), /option stopWhenSolved: -1, expected a validation error threshold ≥ 0/);
  await assert.rejects(gruVsLstmUpdatesTrial({ stopWhenSolved: "yes" }, context), /option stopWhenSolved: "yes"/);
});
