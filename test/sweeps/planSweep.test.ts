import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planSweep } from "../../src/sweeps/planSweep";
import { logUniform } from "../../src/sweeps/searchSpace";

const base = { trial: { job: "tutorial" }, metric: "val_loss", budget: { epochs: 2 } };

test("planSweep: bad input is an error before anything runs (no sweep folder): unknown option named with the trial's options, empty space, empty list, bad distribution, wrong type, module without the export", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-plan-"));
  const bad = (definition: object, message: RegExp) => {
    assert.throws(() => planSweep("bad", { ...base, ...definition } as never, { dir, base: dir }), message);
    assert.equal(fs.existsSync(path.join(dir, "bad")), false, "no folder for a refused sweep");
  };
  bad({ space: { unitz: [64] } }, /sweep option space: "unitz" is not an option of trial "tutorial": its options are units, timesteps, learningRate, batchSize, patience, seed/);
  bad({ space: {} }, /sweep option space is empty: give at least one option with its values, e\.g\. \{ seed: \[1, 2, 3\] \} \(trial "tutorial" takes units, timesteps/);
  bad({ space: { units: [] } }, /sweep option space: "units" is an empty list: give at least one value/);
  bad({ space: { learningRate: logUniform(0, 0.1) } }, /"learningRate": logUniform needs 0 < low, got \[0,0\.1\]/);
  bad({ space: { learningRate: { normal: [0, 1] } } }, /"learningRate": expected a list of values or one of \{ uniform: \[low, high\] \}/);
  bad({ space: { units: ["64"] } }, /"units" has "64", but trial "tutorial" takes a number \(default 128\)/);
  bad({ space: { units: [8] }, trial: { job: "tutorail" } }, /trial: unknown job "tutorail": the built-in trials are tutorial, forecast, charlm, gru-vs-lstm/);
  bad({ space: { units: [8] }, budget: { epochs: 0 } }, /budget\.epochs: expected an integer ≥ 1/);
  bad({ space: { units: [8] }, scheduler: "random" }, /random search needs budget\.trials/);
  bad({ space: { units: [8] }, mode: "lowest" }, /sweep option mode: expected "min" or "max", got "lowest"/);
  const module = path.join(dir, "myTrial.js");
  fs.writeFileSync(module, "exports.trainOne = async () => {}; exports.size = 3;\n");
  bad({ space: { units: [8] }, trial: { module: "./myTrial.js", export: "trainTwo" } }, new RegExp(`trial module ${module.replace(/[.]/g, "\\.")} does not export a function "trainTwo": its exported functions are trainOne`));
  bad({ space: { units: [8] }, trial: { module: "./myTrial.js", export: "size" } }, /does not export a function "size" \(it is a number\)/);
  bad({ space: { units: [8] }, trial: { module: "./nowhere.js", export: "x" } }, /trial module .*nowhere\.js cannot be loaded/);
});

test("planSweep: a user's module is stored with its absolute path; the same sweep again continues in its folder, another one under the same name is refused", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-plan-"));
  fs.writeFileSync(path.join(dir, "myTrial.js"), "exports.trainOne = async () => {};\n");
  const definition = { trial: { module: "./myTrial.js", export: "trainOne" }, space: { width: [1, 2], lr: logUniform(1e-3, 1e-1) }, metric: "loss", budget: { epochs: 1, samples: 2 } };
  const plan = planSweep("mine", definition, { dir, base: dir });
  assert.deepEqual(plan.json.trial, { module: path.join(dir, "myTrial.js"), export: "trainOne" });
  assert.equal(plan.configs.length, 4, "2 grid values × 2 samples of lr");
  assert.equal(new Set(plan.configs.map((c) => c.lr)).size, 4, "lr drawn per grid point and sample");
  assert.equal(planSweep("mine", definition, { dir, base: dir }).ids.join(), plan.ids.join(), "seeded: the same configs");
  assert.throws(() => planSweep("mine", { ...definition, space: { width: [1, 2, 3] } }, { dir, base: dir }),
    new RegExp(`${path.join(dir, "mine", "sweep.json").replace(/[.]/g, "\\.")} holds another sweep named "mine" \\(its space is`));
});
