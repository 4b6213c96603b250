import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { openRun } from "../../src/runs/openRun";
import { makeRunFolder, XSS } from "../fixtures/makeRunFolder";

test("openRun reads run.json, config, metrics, history (rows and DataFrame) and traces, and lists the files", async () => {
  const dir = makeRunFolder({ samples: 2, T: 5, H: 3 });
  const run = await openRun(dir);
  assert.equal(run.id, path.basename(dir));
  assert.equal(run.name, "tutorial");
  assert.equal(run.status, "finished");
  assert.equal(run.task, "classification");
  assert.equal(run.config[XSS], XSS);
  assert.equal(run.metrics?.test.accuracy, 0.75);
  assert.deepEqual(run.metrics?.classes, ["rain", "sun", XSS]);
  assert.equal(run.rows.length, 4);
  assert.deepEqual(run.rows[1], { epoch: 2, loss: 0.9, val_loss: 1.0, acc: 0.55, val_acc: 0.5, seconds: 1.1 });
  assert.deepEqual(run.history.columns, ["epoch", "loss", "val_loss", "acc", "val_acc", "seconds"]);
  assert.deepEqual(run.history.column("val_loss").values, [1.3, 1.0, 0.8, 0.85]);
  assert.equal(run.traces?.gates?.length, 2 * 5 * 3);
  assert.equal(run.checkpointEpoch, null);
  assert.deepEqual(run.files, ["run.json", "config.json", "metrics.json", "history.csv", "traces/gates.csv", "traces/saturation.csv", "traces/inputs.csv", "traces/samples.csv"]);
  await assert.rejects(run.loadModel(), new RegExp(`${path.join(dir, "model")} not found: the run saved no model`));
});

test("openRun without traces/ gives traces null; without metrics.json metrics null", async () => {
  const dir = makeRunFolder({ traces: false });
  fs.rmSync(path.join(dir, "metrics.json"));
  const run = await openRun(dir);
  assert.equal(run.traces, null);
  assert.equal(run.metrics, null);
});

test("openRun names the folder or file: missing folder, a file, format 1, another format, malformed files", async () => {
  await assert.rejects(openRun("/nonexistent/runs/x"), /run folder \/nonexistent\/runs\/x does not exist/);
  const dir = makeRunFolder({ traces: false });
  await assert.rejects(openRun(path.join(dir, "history.csv")), new RegExp(`${path.join(dir, "history.csv")} is a file, not a run folder`));
  const v1 = makeRunFolder({ traces: false });
  fs.rmSync(path.join(v1, "run.json"));
  await assert.rejects(openRun(v1), new RegExp(`${v1}: it has config\\.json but no run\\.json: either grulab stopped while creating the run \\(a full disk or a kill before run\\.json was written\\) or an old grulab wrote it \\(format 1; this grulab reads format 2\\)`));
  const v3 = makeRunFolder({ traces: false });
  const info = JSON.parse(fs.readFileSync(path.join(v3, "run.json"), "utf8"));
  fs.writeFileSync(path.join(v3, "run.json"), JSON.stringify({ ...info, format: 3 }));
  await assert.rejects(openRun(v3), new RegExp(`${path.join(v3, "run.json")}: run folder format 3, this grulab reads format 2 \\(written by a newer grulab\\)`));
  fs.writeFileSync(path.join(v3, "run.json"), JSON.stringify({ ...info, status: "paused" }));
  await assert.rejects(openRun(v3), /run\.json: field "status" is "paused", expected one of running, finished, interrupted, diverged, failed/);
  const bad = makeRunFolder({ traces: false });
  fs.writeFileSync(path.join(bad, "metrics.json"), "{ not json");
  await assert.rejects(openRun(bad), /metrics\.json: not valid JSON/);
  const bad2 = makeRunFolder({ traces: false });
  fs.appendFileSync(path.join(bad2, "history.csv"), "5,oops,1,0.5,0.5,1\n");
  await assert.rejects(openRun(bad2), /history\.csv: line 6, column "loss": expected a number, got "oops"/);
});

test("openRun reads predictions.csv cells quoted by csvCell (commas and quotes inside class names)", async () => {
  const dir = makeRunFolder({ traces: false });
  fs.writeFileSync(path.join(dir, "predictions.csv"), 'index,actual,predicted\n0,"a, b","say ""hi"""\n1,rain,2.5\n');
  const run = await openRun(dir);
  assert.deepEqual(run.predictions, [{ index: 0, actual: "a, b", predicted: 'say "hi"' }, { index: 1, actual: "rain", predicted: 2.5 }]);
});
