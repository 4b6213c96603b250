import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend";
import { buildTutorialClassifier } from "../../src/models/buildTutorialClassifier";
import { reopenRun } from "../../src/runs/reopenRun";
import { startRun } from "../../src/runs/startRun";
import { childData } from "../support/runChild";

const runJson = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8"));
const build = () => buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 4, seed: 3 });
const strip = (rows: Array<Record<string, number>>) => rows.map(({ seconds, ...r }) => r);

test("reopenRun: a run stopped before training restarts at epoch 1 in its folder (as a fresh run); one stopped in training resumes; both now name grulab resume", async () => {
  await initBackend("wasm");
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-reopen-"));
  const data = childData(64, 1);
  const fit = { epochs: 3, batchSize: 16, seed: 5, patience: 0, progress: "none" as const };
  const fresh = await startRun("fresh", { classes: ["a", "b", "c"], dir: parent });
  const m0 = build();
  const expected = strip((await fresh.fit(m0, data, fit)).rows);
  m0.dispose();

  // Stopped before training (e.g. during charlm's n-gram baselines), with a half-written epoch-0 checkpoint.
  const early = await startRun("early", { classes: ["a", "b", "c"], dir: parent });
  assert.match(early.info.resumeCommand, /^resumeRun\(/);
  early.mark({ status: "interrupted", reason: "SIGINT during n-gram baselines; training had not started", step: "n-gram baselines" });
  fs.mkdirSync(path.join(early.dir, "checkpoint", ".epoch-0000.tmp-1"), { recursive: true });
  const m1 = build();
  const restarted = await reopenRun(early.dir, m1);
  assert.ok(!fs.existsSync(path.join(early.dir, "checkpoint")), "the partial checkpoint is gone");
  const info = runJson(early.dir);
  assert.deepEqual([info.status, info.reason, info.step, info.epoch, info.pid], ["running", null, null, 0, process.pid]);
  assert.equal(info.resumeCommand, `npx grulab resume ${path.relative(process.cwd(), early.dir).startsWith("..") ? early.dir : path.relative(process.cwd(), early.dir)}`);
  assert.deepEqual(strip((await restarted.fit(m1, data, fit)).rows), expected);
  m1.dispose();

  // Stopped in training after 2 epochs: resumed with a freshly built model, the same history at the end.
  const mid = await startRun("mid", { classes: ["a", "b", "c"], dir: parent });
  const m2 = build();
  await mid.fit(m2, data, { ...fit, epochs: 2 });
  m2.dispose();
  mid.mark({ status: "interrupted", reason: "test", step: "training" });
  const m3 = build();
  const resumed = await reopenRun(mid.dir, m3);
  assert.equal(resumed.history.length, 2);
  assert.match(runJson(mid.dir).resumeCommand, /^npx grulab resume /);
  assert.deepEqual(strip((await resumed.fit(m3, data, { epochs: 3, progress: "none" })).rows), expected);
  m3.dispose();

  resumed.mark({ status: "finished" });
  const m4 = build();
  await assert.rejects(reopenRun(mid.dir, m4), /run\.json: the run is finished; nothing to resume/);
  m4.dispose();
  tf.dispose([data.x, data.y]);
});
