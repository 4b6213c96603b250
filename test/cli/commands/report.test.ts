import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { runCli as cli } from "../../support/runCli";
import { makeRunFolder } from "../../fixtures/makeRunFolder";

test("grulab report <run> writes report.html into the run folder and says where", async () => {
  const dir = makeRunFolder({ samples: 1, T: 3, H: 2 });
  const r = await cli(["report", dir, "--pdf", "off", "--samples", "1"]);
  assert.equal(r.code, 0, r.stderr);
  const html = path.join(dir, "report.html");
  assert.ok(fs.readFileSync(html, "utf8").startsWith("<!DOCTYPE html>"));
  assert.match(r.stdout, new RegExp(`report: wrote ${html}`));
});

test("grulab report: a missing run folder exits 1 naming it; usage mistakes exit 2", async () => {
  const missing = await cli(["report", "/nonexistent/run-folder", "--pdf", "off"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /grulab: error: .*\/nonexistent\/run-folder/);
  const none = await cli(["report"]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /missing argument <run…>/);
  const samples = await cli(["report", "x", "--samples", "-1"]);
  assert.equal(samples.code, 2);
  assert.match(samples.stderr, /grulab: option --samples expects an integer ≥ 0, got "-1"/);
});

test("npm run report is grulab report: the script, run as package.json spells it, writes the report with grulab report's flags", () => {
  const root = path.join(__dirname, "..", "..", "..", "..");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  assert.equal(pkg.scripts.report, "node bin/grulab.js report");
  const dir = makeRunFolder({ samples: 1, T: 3, H: 2 });
  const [node, ...args] = pkg.scripts.report.split(" ");
  assert.equal(node, "node");
  const r = spawnSync(process.execPath, [...args, dir, "--pdf", "off", "--samples", "1"], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(dir, "report.html")));
  assert.match(r.stdout, new RegExp(`report: ${dir} done in`));
});
