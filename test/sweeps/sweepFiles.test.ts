import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { readSweepJson, writeResultsCsv, writeSweepJson, type SweepJson } from "../../src/sweeps/sweepFiles";
import { tempFolder } from "../support/tempFolder";

const json: SweepJson = {
  format: 1, name: "cells", status: "running", reason: null, trial: { job: "tutorial" }, space: { units: [8, 16] }, scheduler: { kind: "grid" }, budget: { epochs: 2 },
  metric: "val_loss", mode: "min", seed: 0, trials: 2, completed: 0, epochsSpent: 0, best: null, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z",
};

test("sweep.json: written as JSON readSweepJson gives back, rewritten whole (no temp file left)", (t) => {
  const dir = tempFolder(t, "sweepfiles");
  writeSweepJson(dir, json);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, "sweep.json"), "utf8")), json);
  writeSweepJson(dir, { ...json, status: "finished", completed: 2 });
  assert.deepEqual(readSweepJson(dir), { ...json, status: "finished", completed: 2 });
  assert.deepEqual(fs.readdirSync(dir), ["sweep.json"]);
});

test("readSweepJson: a missing folder, a folder that is not a sweep, bad JSON and another format are errors naming the file", (t) => {
  const dir = tempFolder(t, "sweepfiles");
  const file = path.join(dir, "sweep.json");
  assert.throws(() => readSweepJson(path.join(dir, "nope")), { message: `${path.join(dir, "nope", "sweep.json")} not found: no such folder` });
  assert.throws(() => readSweepJson(dir), { message: `${file} not found: the folder is not a sweep folder` });
  fs.writeFileSync(file, "{");
  assert.throws(() => readSweepJson(dir), new RegExp(`^Error: ${file}: not valid JSON \\(`));
  fs.writeFileSync(file, JSON.stringify({ ...json, format: 2 }));
  assert.throws(() => readSweepJson(dir), { message: `${file}: format 2, this grulab reads sweep format 1` });
});

test("results.csv: trialId, the options, status, the metric, bestEpoch, epochs, seconds, worker, error (one line), test_* (sorted, union over trials); pending rows; cells quoted as CSV; non-finite numbers empty", (t) => {
  const dir = tempFolder(t, "sweepfiles");
  writeResultsCsv(dir, ["cell", "units"], "val_loss", [
    { trialId: "t1", config: { cell: "gru", units: 8 }, result: null },
    { trialId: "t2", config: { cell: 'a,"b"', units: 16 }, result: { trialId: "t2", status: "finished", best: 0.25, bestEpoch: 2, epochs: 3, seconds: 1.23456, worker: "w1", runDir: "/x", metrics: { rmse: Infinity, mae: 0.5 } } },
    { trialId: "t3", config: { cell: { depth: 2 }, units: 4 }, result: { trialId: "t3", status: "failed", best: null, bestEpoch: null, epochs: 0, seconds: 0, worker: "w2", runDir: "/y", metrics: { acc: 0.75 }, error: "x, \"y\"\n  at z\r\n" } },
  ]);
  assert.equal(fs.readFileSync(path.join(dir, "results.csv"), "utf8"), [
    "trialId,cell,units,status,val_loss,bestEpoch,epochs,seconds,worker,error,test_acc,test_mae,test_rmse",
    "t1,gru,8,pending,,,0,,,,,,",
    't2,"a,""b""",16,finished,0.25,2,3,1.235,w1,,,0.5,',
    't3,"{""depth"":2}",4,failed,,,0,0,w2,"x, ""y"" | at z",0.75,,',
    "",
  ].join("\n"));
});
