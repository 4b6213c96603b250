import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { reportCli } from "../../src/reports/reportCli";
import { makeRunFolder } from "../fixtures/makeRunFolder";

const cli = path.join(__dirname, "..", "..", "src", "reports", "reportCli.js");

/** Runs reportCli in this process, collecting what it prints to stderr. */
async function inProcess(args: string[]): Promise<{ code: number; stderr: string }> {
  const lines: string[] = [];
  const saved = console.error;
  console.error = (...a: unknown[]) => { lines.push(a.join(" ")); };
  try {
    return { code: await reportCli(args), stderr: lines.join("\n") };
  } finally {
    console.error = saved;
  }
}

test("the report command (node entry, as npm run report runs it) writes report.html and prints where", () => {
  const dir = makeRunFolder({ samples: 1, T: 3, H: 2 });
  const r = spawnSync(process.execPath, [cli, dir, "--no-pdf", "--samples", "1"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(dir, "report.html")));
  assert.match(r.stdout, new RegExp(`report: wrote ${path.join(dir, "report.html")}`));
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8"));
  assert.equal(pkg.scripts.report, "node dist/src/reports/reportCli.js");
});

test("the report command returns 1 naming a missing run folder, 2 on usage errors", async () => {
  const missing = await inProcess(["/nonexistent/run-folder", "--no-pdf"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /run folder \/nonexistent\/run-folder does not exist/);
  const none = await inProcess([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /usage: npm run report -- runs\/<id>/);
  const bad = await inProcess(["x", "--frobnicate"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown option --frobnicate/);
  const samples = await inProcess(["x", "--samples", "-1"]);
  assert.equal(samples.code, 2);
  assert.match(samples.stderr, /option --samples expects an integer >= 0, got -1/);
});
