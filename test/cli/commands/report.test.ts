import { test } from "node:test";
import * as assert from "node:assert/strict";
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
