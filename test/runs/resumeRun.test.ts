// Kill tests (issue 11): SIGINT, SIGTERM and SIGKILL at random moments of a run in child
// processes. After each, the folder is checked file by file (not through openRun, the reader
// under test elsewhere); then the run is resumed in another child and must give exactly the
// history (seconds aside) of an uninterrupted run with the same seed.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { finishRun } from "../../src/reports/finishRun";
import { loadModel } from "../../src/io/loadModel";
import { openRun } from "../../src/runs/openRun";
import { resumeRun } from "../../src/runs/resumeRun";
import { startRun } from "../../src/runs/startRun";
import { initBackend } from "../../src/backend";
import { buildTutorialClassifier } from "../../src/models/buildTutorialClassifier";
import { childData } from "../support/runChild";

const CHILD = path.join(__dirname, "..", "support", "runChild.js");

interface ChildResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; runDir: string | null }

/** Runs the child; `kill` (signal, ms after the run folder exists) sends one signal once. */
function child(args: string[], kill?: { signal: NodeJS.Signals; afterMs: number }): Promise<ChildResult> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CHILD, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let runDir: string | null = null;
    p.stdout.on("data", (d) => {
      stdout += d;
      const m = stdout.match(/^RUNDIR (.*)$/m);
      if (m && runDir === null) {
        runDir = m[1];
        if (kill) setTimeout(() => p.kill(kill.signal), kill.afterMs);
      }
    });
    p.stderr.on("data", (d) => { stderr += d; });
    p.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, runDir }));
  });
}

const historyOf = (stdout: string) => {
  const m = stdout.match(/^HISTORY (.*)$/m);
  assert.ok(m, `the child printed its history:\n${stdout}`);
  return JSON.parse(m[1]);
};

/** history.csv's rows without seconds, numbers as written (full precision). */
const csvHistory = (dir: string) => {
  const [head, ...lines] = fs.readFileSync(path.join(dir, "history.csv"), "utf8").trim().split("\n");
  const columns = head.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [columns[i], Number(v)]).filter(([c]) => c !== "seconds")));
};

/** The folder is consistent as of its last completed epoch E; returns E and run.json. */
async function checkConsistent(dir: string): Promise<{ epoch: number; status: string }> {
  const info = JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8"));
  assert.equal(info.format, 2);
  const historyFile = path.join(dir, "history.csv");
  const lines = fs.existsSync(historyFile) ? fs.readFileSync(historyFile, "utf8").split("\n").filter((l) => l !== "") : [];
  assert.ok(lines.length === 0 || lines[0].startsWith("epoch,loss,val_loss,acc,val_acc,seconds"), lines[0]);
  const epoch = Math.max(0, lines.length - 1);
  assert.ok(fs.readFileSync(fs.existsSync(historyFile) ? historyFile : path.join(dir, "run.json"), "utf8").endsWith("\n"), "no half-written row");
  lines.slice(1).forEach((l, i) => assert.equal(Number(l.split(",")[0]), i + 1, "rows are epochs 1..E"));
  assert.ok(info.epoch === epoch || info.epoch === epoch - 1, `run.json epoch ${info.epoch}, history ${epoch}`);
  if (fs.existsSync(historyFile)) {
    const cp = path.join(dir, "checkpoint", `epoch-${String(epoch).padStart(4, "0")}`);
    const state = JSON.parse(fs.readFileSync(path.join(cp, "state.json"), "utf8"));
    assert.equal(state.epoch, epoch);
    const model = await loadModel(cp);
    assert.ok(model.getWeights().every((w) => w.dataSync().every(Number.isFinite)), "checkpoint weights are finite");
    assert.ok(model.optimizer, "the checkpoint's model loads compiled");
    model.dispose();
  }
  if (fs.existsSync(path.join(dir, "best"))) (await loadModel(path.join(dir, "best"))).dispose();
  return { epoch, status: info.status };
}

test("kill tests: SIGINT, SIGTERM, SIGKILL at random moments leave a consistent folder; resume reproduces the uninterrupted history", async () => {
  await initBackend("wasm");
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-kill-"));
  const t0 = Date.now();
  const reference = await child(["fresh", path.join(parent, "reference")]);
  assert.equal(reference.code, 0, reference.stderr);
  const expected = historyOf(reference.stdout);
  const runMs = Date.now() - t0;
  assert.equal(expected.length, 8);
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGKILL"];
  const trials = signals.flatMap((signal) => [0, 1, 2].map((k) => ({ signal, afterMs: Math.round(Math.random() * runMs * 0.8), k })));
  const outcomes: string[] = [];
  // Three children at a time: the machine has two cores.
  for (let i = 0; i < trials.length; i += 3) {
    await Promise.all(trials.slice(i, i + 3).map(async ({ signal, afterMs, k }) => {
      const r = await child(["fresh", path.join(parent, `${signal}-${k}`)], { signal, afterMs });
      assert.ok(r.runDir, r.stderr);
      const { epoch, status } = await checkConsistent(r.runDir);
      const caught = r.code === (signal === "SIGINT" ? 130 : 143);
      if (signal === "SIGKILL") assert.equal(r.signal, "SIGKILL");
      else if (caught) {
        // Caught during fit: marked, explained, resumable.
        assert.equal(status, "interrupted");
        assert.match(r.stderr, new RegExp(`interrupted by ${signal}; kept history\\.csv \\(${epoch} epochs?\\)`));
        assert.match(r.stderr, /continue it with resumeRun\(/);
      } else {
        // Outside fit no handler is installed: the default action, as after a kill.
        assert.ok(r.signal === signal || r.code === 0, `${signal}: code ${r.code}, signal ${r.signal}\n${r.stderr}`);
      }
      outcomes.push(`${signal} at ${afterMs} ms → epoch ${epoch}, ${status}${caught ? " (caught)" : ""}`);
      if (status === "finished") {
        // Killed while writing the report, after run.json said finished: nothing to resume.
        assert.deepEqual(csvHistory(r.runDir), expected);
        return;
      }
      if (!fs.existsSync(path.join(r.runDir, "history.csv"))) {
        const again = await child(["resume", r.runDir]);
        assert.equal(again.code, 1);
        assert.match(again.stderr, /history\.csv not found: the run stopped before fit started/);
        return;
      }
      const resumed = await child(["resume", r.runDir]);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.deepEqual(historyOf(resumed.stdout), expected, `${signal} at ${afterMs} ms, epoch ${epoch}`);
      const info = JSON.parse(fs.readFileSync(path.join(r.runDir, "run.json"), "utf8"));
      assert.equal(info.status, "finished");
      assert.deepEqual(csvHistory(r.runDir), expected, "history.csv has each epoch once, as the uninterrupted run");
      assert.deepEqual(fs.readdirSync(path.join(r.runDir, "checkpoint")), ["epoch-0008"]);
    }));
  }
  console.log(`  reference run ${runMs} ms; ${outcomes.join("; ")}`);
});

test("resumeRun refuses a finished run, other data and changed options, naming the file or option", async () => {
  await initBackend("wasm");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-resume-"));
  const data = childData(64, 1);
  const other = childData(64, 9);
  const run = await startRun("r", { classes: ["a", "b", "c"], dir });
  const model = buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 4, seed: 1 });
  await run.fit(model, data, { epochs: 2, batchSize: 32, progress: "none" });
  model.dispose();
  run.mark({ status: "interrupted", reason: "test" });
  const { run: again, model: m2 } = await resumeRun(run.dir);
  assert.equal(again.history.length, 2);
  await assert.rejects(again.fit(m2, other, { epochs: 3, progress: "none" }), /fit: the training data differs from the data .* was trained on \(.*checkpoint\/epoch-0002\/state\.json\): resume with the same data/);
  await assert.rejects(again.fit(m2, data, { epochs: 3, batchSize: 8, progress: "none" }), /fit: option batchSize is 8 but .* was trained with 32: a resumed run keeps its options/);
  const r = await again.fit(m2, data, { epochs: 3, progress: "none" });
  assert.deepEqual(r.rows.map((row) => row.epoch), [1, 2, 3]);
  await again.evaluate(m2, data);
  await finishRun(again, { pdf: false, log: () => undefined });
  m2.dispose();
  await assert.rejects(resumeRun(run.dir), /run\.json: the run is finished; nothing to resume/);
});

test("a kill between a checkpoint's rename and its history row: the stale newer folder and temp folders are ignored, then removed on resume", async () => {
  await initBackend("wasm");
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-torn-"));
  const data = childData(96, 1), validation = childData(32, 2);
  const build = () => buildTutorialClassifier({ timesteps: 6, inputDim: 2, outputDim: 3, units: 5, seed: 4, learningRate: 0.01 });
  const strip = (rows: Array<Record<string, number>>) => rows.map(({ seconds, ...r }) => r);
  const whole = await startRun("whole", { classes: ["a", "b", "c"], dir: parent });
  const m1 = build();
  const expected = strip((await whole.fit(m1, data, { validation, epochs: 6, batchSize: 16, seed: 9, patience: 0, progress: "none" })).rows);
  m1.dispose();

  const part = await startRun("part", { classes: ["a", "b", "c"], dir: parent });
  const m2 = build();
  await part.fit(m2, data, { validation, epochs: 3, batchSize: 16, seed: 9, patience: 0, progress: "none" });
  m2.dispose();
  // As if killed right after epoch 4's folder was renamed (its history row never written), and during epoch 5's write:
  // a killed writer leaves its lock behind, naming a process that has ended.
  fs.writeFileSync(path.join(part.dir, "writer.lock"), JSON.stringify({ pid: 2 ** 22 + 1, host: os.hostname(), startTime: "1", bootId: null, acquiredAt: "then", nonce: "dead" }));
  const cp = path.join(part.dir, "checkpoint");
  fs.cpSync(path.join(cp, "epoch-0003"), path.join(cp, "epoch-0004"), { recursive: true });
  fs.mkdirSync(path.join(cp, ".epoch-0005.tmp-12345"));
  fs.writeFileSync(path.join(cp, ".epoch-0005.tmp-12345", "weights.bin"), "half");
  const opened = await openRun(part.dir);
  assert.equal(opened.checkpointEpoch, 3);
  assert.equal(opened.status, "crashed");
  assert.match(opened.reason!, /run\.json says running, but its writer is gone \(process 4194305 on .* held it and has ended\): killed or crashed .*epoch 3 was the last completed; continue it with resumeRun/);
  const { run, model } = await resumeRun(part.dir);
  assert.deepEqual(fs.readdirSync(cp), ["epoch-0003"]);
  const rows = (await run.fit(model, data, { validation, epochs: 6, progress: "none" })).rows;
  assert.deepEqual(strip(rows), expected);
  assert.deepEqual(fs.readdirSync(cp), ["epoch-0006"]);
  model.dispose();
  tf.dispose([data.x, data.y, validation.x, validation.y]);
});

test("a model compiled with a loss function (not serializable by tfjs) resumes only with the model passed in", async () => {
  await initBackend("wasm");
  const data = childData(48, 1);
  const build = () => {
    const m = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [6, 2] }), tf.layers.dense({ units: 3, activation: "softmax" })] });
    m.compile({ optimizer: tf.train.adam(0.05), loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred.log()), metrics: ["accuracy"] });
    return m;
  };
  const run = await startRun("fnloss", { classes: ["a", "b", "c"], dir: fs.mkdtempSync(path.join(os.tmpdir(), "grulab-fnloss-")) });
  const first = build();
  await run.fit(first, data, { epochs: 2, batchSize: 16, progress: "none" });
  first.dispose();
  run.mark({ status: "interrupted", reason: "test" });
  await assert.rejects(resumeRun(run.dir), /checkpoint\/epoch-0002\/model\.json has no training config \(the loss or a metric was a function\): call resumeRun\(dir, \{ model \}\)/);
  const { run: again, model } = await resumeRun(run.dir, { model: build() });
  const r = await again.fit(model, data, { epochs: 3, progress: "none" });
  assert.deepEqual(r.rows.map((row) => row.epoch), [1, 2, 3]);
  assert.ok(r.rows.every((row) => Number.isFinite(row.loss)));
  model.dispose();
  tf.dispose([data.x, data.y]);
});

test("resumeRun refuses a run whose writer is alive (two writers would mix one folder), in this process or another; once the writer is killed it goes on", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-alive-"));
  const run = await startRun("alive", { dir: parent });
  assert.equal(run.info.pid, process.pid);
  // The same process: another Run object holds it.
  await assert.rejects(resumeRun(run.dir), /the run is running: process \d+ on .* holds it and is alive \(this process: another Run object writes the run\)/);
  run.fail(new Error("test"));
  // Another process: a child that starts a run and waits.
  const starter = path.join(__dirname, "..", "..", "src", "runs", "startRun.js");
  const child = spawn(process.execPath, ["-e", `require(${JSON.stringify(starter)}).startRun("other", { dir: ${JSON.stringify(parent)} }).then((r) => { console.log(r.dir); setTimeout(() => {}, 60000); })`], { stdio: ["ignore", "pipe", "inherit"] });
  const dir = await new Promise<string>((resolve) => child.stdout!.once("data", (d) => resolve(String(d).trim())));
  try {
    await assert.rejects(resumeRun(dir), new RegExp(`run\\.json: the run is running: process ${child.pid} on .* holds it and is alive\\. Let it finish, or stop it first \\(kill -INT ${child.pid}\\)`));
  } finally {
    child.kill("SIGKILL");
  }
  await new Promise((resolve) => child.on("exit", resolve));
  // Once that process is gone (as after kill -9), its lock is stale: the next check is whether fit ever started.
  await assert.rejects(resumeRun(dir), /history\.csv not found: the run stopped before fit started/);
});
