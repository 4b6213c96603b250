import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../../src/cli/main";
import { openSweep } from "../../../src/sweeps/openSweep";
import { readSweepFile } from "../../../src/sweeps/readSweepFile";

/** A user's trial module in its own folder: a seeded dense regression on fixed data, through trial.startRun. */
function userModule(dir: string): void {
  fs.writeFileSync(path.join(dir, "mine.js"), `
const tf = require(${JSON.stringify(require.resolve("@tensorflow/tfjs"))});
exports.trainOne = async (config, trial) => {
  const x = tf.tensor2d(Array.from({ length: 64 }, (_, i) => [Math.sin(i), Math.cos(i)]));
  const y = tf.tensor2d(Array.from({ length: 64 }, (_, i) => [Math.sin(i) - 2 * Math.cos(i)]));
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2], activation: "tanh", kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed }) }),
    tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 1 }) })] });
  model.compile({ optimizer: tf.train.adam(config.lr), loss: "meanSquaredError" });
  const run = await trial.startRun(model, { task: "regression", config: { data: "sin/cos" } });
  await run.fit(model, { x, y }, { validation: { x, y }, epochs: trial.epochs, batchSize: 16, seed: config.seed, progress: "none" });
  tf.dispose([x, y]); model.dispose();
  return { custom: 7 };
};
`);
}

test("grulab sweep <file>: a user's module (relative to the file) in 2 workers, random search; results.csv, report.html, trials as run folders", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-sweep-cli-"));
  userModule(dir);
  const file = path.join(dir, "sweep.json");
  fs.writeFileSync(file, JSON.stringify({
    name: "mine", trial: { module: "./mine.js", export: "trainOne" }, space: { lr: { logUniform: [0.001, 0.1] }, seed: [1, 2] },
    metric: "val_loss", mode: "min", scheduler: "random", budget: { epochs: 2, trials: 3 }, seed: 5,
  }));
  const code = await main(["sweep", file, "--workers", "2", "--backend", "cpu", "--out", path.join(dir, "out"), "--progress", "none"]);
  assert.equal(code, 0);
  const sweep = await openSweep(path.join(dir, "out", "mine"));
  assert.equal(sweep.status, "finished");
  assert.equal(sweep.rows.length, 3);
  for (const r of sweep.rows) {
    assert.equal(r.status, "finished");
    assert.equal(r.epochs, 2);
    assert.equal(r.test_custom, 7, "what the trial returned is in the table");
    assert.ok((r.lr as number) >= 0.001 && (r.lr as number) <= 0.1);
    const config = JSON.parse(fs.readFileSync(path.join(sweep.dir, "trials", String(r.trialId), "config.json"), "utf8"));
    assert.deepEqual([config.lr, config.seed, config.data, config.trialId], [r.lr, r.seed, "sin/cos", r.trialId]);
  }
  assert.ok(fs.existsSync(path.join(sweep.dir, "report.html")));
});

test("grulab sweep: a bad sweep file stops before anything runs, naming the file and the line or key; unknown options of the space name the trial's", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-sweep-cli-"));
  const bad = path.join(dir, "bad.json");
  fs.writeFileSync(bad, '{\n  "name": "x",\n  "space": { "units": [8,] }\n}\n');
  assert.throws(() => readSweepFile(bad), new RegExp(`${bad.replace(/[.]/g, "\\.")}: line 3, column 26: not valid JSON`));
  fs.writeFileSync(bad, JSON.stringify({ name: "x", trials: 3 }));
  assert.throws(() => readSweepFile(bad), /unknown key "trials": a sweep file has name, trial, space, metric, mode, scheduler, budget, seed/);
  fs.writeFileSync(bad, JSON.stringify({ name: "x", trial: { job: "tutorial" }, space: { unit: [8] }, metric: "val_loss", budget: { epochs: 1 } }));
  const errors: string[] = [];
  const original = console.error;
  console.error = (line: string) => void errors.push(line);
  try {
    assert.equal(await main(["sweep", bad, "--out", path.join(dir, "out")]), 1);
  } finally {
    console.error = original;
  }
  assert.match(errors.join("\n"), /"unit" is not an option of trial "tutorial": its options are units, timesteps/);
  assert.equal(fs.existsSync(path.join(dir, "out")), false);
});
