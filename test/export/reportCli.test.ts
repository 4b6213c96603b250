import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { makeRunFolder } from "../fixtures/makeRunFolder";

const cli = path.join(__dirname, "..", "..", "src", "export", "reportCli.js");
const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });

test("the report command writes report.html for a run folder and prints where", () => {
  const dir = makeRunFolder({ samples: 1, T: 3, H: 2 });
  const r = run([dir, "--no-pdf", "--samples", "1"]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(dir, "report.html")));
  assert.match(r.stdout, new RegExp(`report: wrote ${path.join(dir, "report.html")}`));
});

test("the report command exits 1 naming a missing file, 2 on usage errors", () => {
  const missing = run(["/nonexistent/run-folder", "--no-pdf"]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /run folder \/nonexistent\/run-folder does not exist/);
  const none = run([]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /usage: npm run report -- runs\/<id>/);
  const bad = run(["x", "--frobnicate"]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown option --frobnicate/);
});
