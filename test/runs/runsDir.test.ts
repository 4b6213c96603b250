import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { defaultRunsDir } from "../../src/runs/runsDir";

const root = path.resolve(__dirname, "..", "..", ".."); // the project: dist/test/runs → .
const child = path.join(__dirname, "..", "support", "runChild.js");
const where = (cwd: string, env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [child, "where"], { cwd, encoding: "utf8", env: { ...process.env, GRULAB_RUNS: "", ...env } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.match(/^WHERE (.*)$/m)![1];
};

test("runs land in the project's runs/ from a subfolder (as a notebook kernel in notebooks/), GRULAB_RUNS overrides", () => {
  assert.ok(fs.existsSync(path.join(root, "package.json")));
  const notebooks = path.join(root, "notebooks");
  assert.equal(where(notebooks), path.join(root, "runs"));
  assert.equal(where(path.join(root, "dist", "test", "runs")), path.join(root, "runs"));
  assert.equal(where(root), path.join(root, "runs"));
  assert.equal(where(notebooks, { GRULAB_RUNS: "elsewhere" }), path.join(notebooks, "elsewhere"), "relative to the working directory");
  assert.equal(where(notebooks, { GRULAB_RUNS: "/tmp/grulab-runs" }), "/tmp/grulab-runs");
  // Outside any project (no package.json up to /): runs/ in the working directory.
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-noproject-"));
  assert.equal(where(outside), path.join(fs.realpathSync(outside), "runs"));
});

test("defaultRunsDir takes cwd and env as arguments", () => {
  assert.equal(defaultRunsDir(path.join(root, "notebooks"), {}), path.join(root, "runs"));
  assert.equal(defaultRunsDir("/x/y", { GRULAB_RUNS: "../r" }), "/x/r");
});
