import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { DisplaySink, MimeBundle } from "../../src/notebook/displaySink";
import { show } from "../../src/notebook/show";
import { openSweep } from "../../src/sweeps/openSweep";
import { logUniform } from "../../src/sweeps/searchSpace";
import { SWEEP_FORMAT, writeResultsCsv, writeSweepJson, type SweepJson, type SweepRow } from "../../src/sweeps/sweepFiles";
import { trialId } from "../../src/sweeps/trialId";
import { writeSweepReport } from "../../src/sweeps/writeSweepReport";
import { classifierHistory, writeFormatTwoRun } from "../fixtures/formatTwoRun";

/** A finished sweep folder written by hand: cell × seed, val_loss known; trial folders are format-2 fixture runs. */
function fixtureSweep(): { dir: string; values: Record<string, number> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-opensweep-"));
  const values: Record<string, number> = { "gru 1": 0.5, "gru 2": 0.7, "gru 3": 0.6, "lstm 1": 0.9, "lstm 2": 0.8, "lstm 3": 1.0 };
  const rows: SweepRow[] = Object.entries(values).map(([k, v], i) => {
    const [cell, seed] = k.split(" ");
    const config = { cell, lr: 0.001 * (i + 1), seed: Number(seed) };
    const id = trialId(config);
    const run = writeFormatTwoRun({ name: `t${i}`, history: classifierHistory(3, 2, v - 1) });
    fs.mkdirSync(path.join(dir, "trials"), { recursive: true });
    fs.renameSync(run, path.join(dir, "trials", id));
    return { trialId: id, config, result: { trialId: id, status: "finished", best: v, bestEpoch: 2, epochs: 3, seconds: 1.5, worker: "local-1", runDir: "", metrics: { accuracy: 1 - v / 2 } } };
  });
  rows.push({ trialId: trialId({ cell: "rnn", lr: 0.01, seed: 1 }), config: { cell: "rnn", lr: 0.01, seed: 1 }, result: null });
  const json: SweepJson = {
    format: SWEEP_FORMAT, name: "cells", status: "finished", reason: null, trial: { job: "gru-vs-lstm" }, space: { cell: ["gru", "lstm", "rnn"], lr: logUniform(1e-3, 1e-2), seed: [1, 2, 3] },
    scheduler: { kind: "grid" }, budget: { epochs: 3 }, metric: "val_loss", mode: "min", seed: 0, trials: 7, completed: 6, epochsSpent: 18,
    best: { trialId: rows[0].trialId, value: 0.5, epoch: 2 }, createdAt: "2026-12-06T20:00:00Z", updatedAt: "2026-12-06T20:01:00Z",
  };
  writeSweepJson(dir, json);
  writeResultsCsv(dir, ["cell", "lr", "seed"], "val_loss", rows);
  return { dir, values };
}

test("openSweep: results.csv as rows and a DataFrame, aggregates over seeds (mean, sd, 95 % t-interval), the best trials as runs", async () => {
  const { dir } = fixtureSweep();
  const header = fs.readFileSync(path.join(dir, "results.csv"), "utf8").split("\n")[0];
  assert.equal(header, "trialId,cell,lr,seed,status,val_loss,bestEpoch,epochs,seconds,worker,error,test_accuracy");
  const sweep = await openSweep(dir);
  assert.equal(sweep.rows.length, 7);
  assert.equal(sweep.rows[6].status, "pending");
  assert.equal(sweep.rows[6].val_loss, null);
  assert.deepEqual(sweep.results.shape, [7, 12]);
  // grouped by cell and lr: lr differs per trial, so here each group is one trial; group by cell alone through the rows
  const gruByHand = [0.5, 0.7, 0.6];
  const mean = (0.5 + 0.7 + 0.6) / 3;
  const sd = Math.sqrt(gruByHand.reduce((s, v) => s + (v - mean) ** 2, 0) / 2);
  assert.equal(sweep.aggregateRows.length, 6, "lr differs in every trial: no two trials share a group");
  assert.deepEqual(sweep.best(2).map((r) => r.val_loss), [0.5, 0.6]);
  const runs = await sweep.runs(2);
  assert.equal(runs[0].dir, path.join(dir, "trials", String(sweep.best(1)[0].trialId)));
  const comparison = await sweep.compare(2);
  assert.equal(comparison.rows.length, 2);
  assert.ok(Math.abs(sd - 0.1) < 1e-12);
});

test("openSweep aggregates: trials differing only in seed are one group", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-opensweep-"));
  const rows: SweepRow[] = [[1, 0.5], [2, 0.7], [3, 0.6]].map(([seed, v]) => {
    const config = { cell: "gru", seed };
    return { trialId: trialId(config), config, result: { trialId: trialId(config), status: "finished", best: v, bestEpoch: 1, epochs: 1, seconds: 1, worker: "w", runDir: "" } };
  });
  writeSweepJson(dir, { format: SWEEP_FORMAT, name: "s", status: "finished", reason: null, trial: { job: "tutorial" }, space: { cell: ["gru"], seed: [1, 2, 3] }, scheduler: { kind: "grid" },
    budget: { epochs: 1 }, metric: "val_loss", mode: "min", seed: 0, trials: 3, completed: 3, epochsSpent: 3, best: null, createdAt: "", updatedAt: "" });
  writeResultsCsv(dir, ["cell", "seed"], "val_loss", rows);
  const sweep = await openSweep(dir);
  assert.equal(sweep.aggregateRows.length, 1);
  const g = sweep.aggregateRows[0];
  assert.equal(g.n, 3);
  assert.ok(Math.abs(g.mean - 0.6) < 1e-12 && Math.abs(g.sd - 0.1) < 1e-12);
  assert.ok(Math.abs(g.high! - (0.6 + 4.303 * 0.1 / Math.sqrt(3))) < 1e-12);
  assert.deepEqual(sweep.aggregates.columns, ["cell", "n", "mean", "sd", "ci95_low", "ci95_high"]);
  await assert.rejects(openSweep(path.join(dir, "nope")), /sweep\.json not found: no such folder/);
});

test("show(sweep) is one output: status line, results table, aggregates and both figures; the report page is written with them", async () => {
  const { dir } = fixtureSweep();
  const sweep = await openSweep(dir);
  const sent: MimeBundle[] = [];
  const sink: DisplaySink = { send: (b) => void sent.push(b) };
  show(sweep, { sink });
  const html = sent[sent.length - 1]["text/html"] as string;
  assert.match(html, /sweep cells: finished, 6 of 7 trials, 18 epochs; best val_loss 0\.50000/);
  assert.equal((html.match(/<table class="grulab-table">/g) ?? []).length, 2, "results and aggregates");
  assert.equal((html.match(/grulab-sweep-[0-9a-f]+-[01]/g) ?? []).length >= 2, true, "two figures");
  assert.match(sent[sent.length - 1]["text/plain"] as string, /^sweep cells: finished/);
  const report = writeSweepReport(sweep);
  const page = fs.readFileSync(report, "utf8");
  assert.equal(report, path.join(dir, "report.html"));
  assert.match(page, /<h1>grulab sweep cells<\/h1>/);
  assert.ok(page.includes(`href="trials/${sweep.best(1)[0].trialId}/"`), "links the best trial's folder");
  assert.match(page, /"type":"parcoords"/);
});
