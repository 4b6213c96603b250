import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { BUILT_IN_TRIALS } from "../../src/sweeps/builtInTrials";
import { resolveTrial } from "../../src/sweeps/resolveTrial";
import type { TrialRef } from "../../src/sweeps/trialSpec";
import { tempFolder } from "../support/tempFolder";

test("a built-in job resolves to its function and options; an unknown one is an error listing the built-in trials", () => {
  const r = resolveTrial({ job: "forecast" });
  assert.equal(r.name, "forecast");
  assert.equal(r.run, BUILT_IN_TRIALS.forecast.run);
  assert.equal(r.options, BUILT_IN_TRIALS.forecast.options);
  assert.throws(() => resolveTrial({ job: "tutorail" }), { message: 'trial: unknown job "tutorail": the built-in trials are tutorial, forecast, charlm, gru-vs-lstm, gru-vs-lstm-updates, charlm-study (or give { module, export } of your own)' });
  for (const bad of [null, "tutorial", { module: "./x.js" }, { module: 3, export: "f" }]) {
    assert.throws(() => resolveTrial(bad as unknown as TrialRef), { message: `trial: expected { job: "tutorial" | "forecast" | "charlm" | "gru-vs-lstm" | "gru-vs-lstm-updates" | "charlm-study" } or { module: "path/to/module.js", export: "functionName" }, got ${JSON.stringify(bad)}` });
  }
});

test("a module's export: its path resolved against base; a module that cannot load, a missing export and a non-function are errors naming the module and its functions", (t) => {
  const dir = tempFolder(t, "resolvetrial");
  fs.mkdirSync(path.join(dir, "sub"));
  fs.writeFileSync(path.join(dir, "sub", "mine.js"), "exports.trainOne = async () => ({ answer: 42 }); exports.other = () => 0; exports.size = 3;");
  fs.writeFileSync(path.join(dir, "broken.js"), "this is not javascript");
  const file = path.join(dir, "sub", "mine.js");
  const r = resolveTrial({ module: "./sub/mine.js", export: "trainOne" }, dir);
  assert.equal(r.name, "./sub/mine.js#trainOne");
  assert.equal(r.options, null, "a user's module takes whatever its config holds");
  assert.equal(r.run, require(file).trainOne);
  assert.throws(() => resolveTrial({ module: "./sub/mine.js", export: "train" }, dir), { message: `trial module ${file} does not export a function "train": its exported functions are trainOne, other` });
  assert.throws(() => resolveTrial({ module: "./sub/mine.js", export: "size" }, dir), { message: `trial module ${file} does not export a function "size" (it is a number): its exported functions are trainOne, other` });
  assert.throws(() => resolveTrial({ module: "./none.js", export: "f" }, dir), new RegExp(`^Error: trial module ${path.join(dir, "none.js")} cannot be loaded: Cannot find module`));
  assert.throws(() => resolveTrial({ module: "broken.js", export: "f" }, dir), new RegExp(`^Error: trial module ${path.join(dir, "broken.js")} cannot be loaded: Unexpected identifier`));
});
