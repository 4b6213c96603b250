import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { refuseOtherBudget, studyResultsHeader } from "../../src/studies/studyResultsHeader";

const packageJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../package.json"), "utf8"));
const tfjsJson = JSON.parse(fs.readFileSync(require.resolve("@tensorflow/tfjs/package.json"), "utf8"));

test("studyResultsHeader gives study, date, command, versions and budget in that order, from the installed packages", () => {
  const before = Date.now();
  const budget = { seeds: [1, 2], maxEpochs: 30, seconds: 12.5 };
  const h = studyResultsHeader("tutorial", "grulab study tutorial --seeds 2", budget, "tensorflow");
  assert.deepEqual(Object.keys(h), ["study", "date", "command", "versions", "budget"]);
  assert.equal(h.study, "tutorial");
  assert.equal(h.command, "grulab study tutorial --seeds 2");
  assert.match(h.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(Date.parse(h.date) >= before - 1 && Date.parse(h.date) <= Date.now());
  assert.deepEqual(Object.keys(h.versions), ["grulab", "node", "tfjs", "backend", "kernel"]);
  assert.equal(h.versions.grulab, packageJson.version);
  assert.equal(h.versions.node, process.version);
  assert.equal(h.versions.tfjs, tfjsJson.version);
  assert.equal(h.versions.backend, "tensorflow");
  assert.match(h.versions.kernel, /^(native-|wasm)/);
  assert.equal(h.budget, budget);
});

test("studyResultsHeader leaves the backend out when none is given (a study whose trials run in other processes)", () => {
  const h = studyResultsHeader("gru-vs-lstm", "grulab study gru-vs-lstm", { trials: 3 });
  assert.deepEqual(Object.keys(h.versions), ["grulab", "node", "tfjs", "kernel"]);
  assert.deepEqual(h.budget, { trials: 3 });
  assert.equal(JSON.stringify(h).includes("backend"), false);
});

test("refuseOtherBudget passes equal budgets (arrays compared by value) and names the first differing field", () => {
  refuseOtherBudget("charlm", "cells", { seeds: [1, 2, 3], epochs: 10, extra: "kept" }, { seeds: [1, 2, 3], epochs: 10 });
  assert.throws(() => refuseOtherBudget("charlm", "cells", { seeds: [1, 2], epochs: 9 }, { seeds: [1, 2, 3], epochs: 10 }),
    { message: "charlm study option keepFrom: the previous results' seeds is [1,2], this run's [1,2,3]: cells at another budget are not merged (write this run's results elsewhere)" });
  assert.throws(() => refuseOtherBudget("gru-vs-lstm", "entries", {}, { updatesPerTrial: 600 }),
    { message: "gru-vs-lstm study option keepFrom: the previous results' updatesPerTrial is undefined, this run's 600: entries at another budget are not merged (write this run's results elsewhere)" });
});
