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
