import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { readRunFolder } from "../../src/index";
import { makeRunFolder, XSS } from "../fixtures/makeRunFolder";

test("readRunFolder reads config, metrics, history and traces, and lists the files to link", async () => {
  const dir = makeRunFolder({ samples: 2, T: 5, H: 3 });
  const run = await readRunFolder(dir);
  assert.equal(run.name, path.basename(dir));
  assert.equal(run.config[XSS], XSS);
  assert.equal(run.metrics.testAccuracy, 0.75);
  assert.deepEqual(run.metrics.classes, ["rain", "sun", XSS]);
  assert.equal(run.history.length, 4);
  assert.deepEqual(run.history[1], { epoch: 2, loss: 0.9, val_loss: 1.0, acc: 0.55, val_acc: 0.5, seconds: 1.1 });
  assert.equal(run.traces?.gates?.length, 2 * 5 * 3);
  assert.deepEqual(run.files, ["config.json", "metrics.json", "history.csv", "traces/gates.csv", "traces/saturation.csv", "traces/inputs.csv", "traces/samples.csv"]);
});

test("readRunFolder without traces/ gives traces null", async () => {
  assert.equal((await readRunFolder(makeRunFolder({ traces: false }))).traces, null);
});

test("readRunFolder names the missing or malformed file", async () => {
  const dir = makeRunFolder({ traces: false });
  fs.rmSync(path.join(dir, "history.csv"));
  await assert.rejects(readRunFolder(dir), new RegExp(`${path.join(dir, "history.csv")} is missing`));
  const dir2 = makeRunFolder({ traces: false });
  fs.writeFileSync(path.join(dir2, "metrics.json"), "{ not json");
  await assert.rejects(readRunFolder(dir2), /metrics\.json: not valid JSON/);
  const dir3 = makeRunFolder({ traces: false });
  const m = JSON.parse(fs.readFileSync(path.join(dir3, "metrics.json"), "utf8"));
  m.confusion = [[1, 2]];
  fs.writeFileSync(path.join(dir3, "metrics.json"), JSON.stringify(m));
  await assert.rejects(readRunFolder(dir3), /metrics\.json: field "confusion" expected a 3×3 array/);
  delete m.testAccuracy;
  fs.writeFileSync(path.join(dir3, "metrics.json"), JSON.stringify(m));
  await assert.rejects(readRunFolder(dir3), /metrics\.json: field "testAccuracy" is missing or not a number/);
  const dir4 = makeRunFolder({ traces: false });
  fs.appendFileSync(path.join(dir4, "history.csv"), "5,oops,1,0.5,0.5,1\n");
  await assert.rejects(readRunFolder(dir4), /history\.csv: line 6 \(data row 5\), column "loss": expected a number, got "oops"/);
  await assert.rejects(readRunFolder(path.join(dir4, "nope")), /run folder .*nope does not exist/);
});
