import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { readJobConfig } from "../../src/studies/readJobConfig";
import { tempFolder } from "../support/tempFolder";

/** A finished format-2 run folder whose config.json holds `config` (written as-is). */
function runFolder(t: { after(fn: () => void): void }, config: unknown): string {
  const dir = tempFolder(t, "jobconfig");
  fs.writeFileSync(path.join(dir, "run.json"), JSON.stringify({ format: 2, name: "x", task: "regression", status: "finished", reason: null, epoch: 1, bestEpoch: 1, createdAt: "", updatedAt: "", resumeCommand: "", pid: 1 }));
  if (config !== undefined) fs.writeFileSync(path.join(dir, "config.json"), typeof config === "string" ? config : JSON.stringify(config));
  return dir;
}

test("readJobConfig: the job from `job` (old charlm runs: `study`), typed getters, optional strings", (t) => {
  const dir = runFolder(t, { job: "forecast", units: 32, datasetPath: "co2.csv", note: null, rate: 0.5 });
  const c = readJobConfig(dir, "forecast");
  assert.equal(c.file, path.join(dir, "config.json"));
  assert.equal(c.kind, "forecast");
  assert.equal(c.number("units"), 32);
  assert.equal(c.number("rate"), 0.5);
  assert.equal(c.string("datasetPath"), "co2.csv");
  assert.equal(c.optional("note"), undefined, "null is absent");
  assert.equal(c.optional("missing"), undefined);
  assert.equal(c.optional("datasetPath"), "co2.csv");
  assert.equal(readJobConfig(runFolder(t, { study: "charlm" }), "charlm").kind, "charlm");
  assert.equal(readJobConfig(runFolder(t, { study: "other" })).kind, undefined);
});

test("readJobConfig: errors name the file and the field, the value found and the type or job expected", (t) => {
  const dir = runFolder(t, { job: "tutorial", units: "32", epochs: null });
  const file = path.join(dir, "config.json");
  assert.throws(() => readJobConfig(dir, "forecast"), { message: `${file}: "job" is "tutorial", expected "forecast"` });
  const c = readJobConfig(dir, "tutorial");
  assert.throws(() => c.number("units"), { message: `${file}: field "units" is "32", expected a number` });
  assert.throws(() => c.number("epochs"), { message: `${file}: field "epochs" is null, expected a number` });
  assert.throws(() => c.number("absent"), { message: `${file}: field "absent" is undefined, expected a number` });
  assert.throws(() => c.string("job2"), /field "job2" is undefined, expected a string/);
  assert.throws(() => readJobConfig(runFolder(t, { units: 1 }), "tutorial"), /"job" is undefined, expected "tutorial"/);
  assert.throws(() => readJobConfig(runFolder(t, { job: "charlm", units: 8 })).optional("units"), /field "units" is 8, expected a string/);
});

test("readJobConfig: the run folder is checked first; a missing or broken config.json is named", (t) => {
  const empty = tempFolder(t, "jobconfig");
  assert.throws(() => readJobConfig(empty), /run\.json not found: .* is not a run folder/);
  const none = runFolder(t, undefined);
  assert.throws(() => readJobConfig(none), { message: `${path.join(none, "config.json")} not found: the run folder has no config.json` });
  const bad = runFolder(t, "{ units: 1 }");
  assert.throws(() => readJobConfig(bad), new RegExp(`^Error: ${path.join(bad, "config.json")}: not valid JSON \\(`));
  assert.throws(() => readJobConfig(runFolder(t, "null")), /config\.json: expected a JSON object$/);
});
