import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as path from "path";

// The installed command: bin/grulab.js, from the repository root (three levels above dist/test/cli).
const root = path.resolve(__dirname, "..", "..", "..");
const grulab = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "bin", "grulab.js"), ...args], { encoding: "utf8" });

test("grulab --help prints the usage and exits 0", () => {
  const r = grulab("--help");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Usage:\n/);
  for (const c of ["tutorial [options]", "report [options] <run…>"]) assert.ok(r.stdout.includes(`grulab ${c}`), c);
  assert.match(r.stdout, /--gru-implementation NAME/);
  const one = grulab("report", "--help");
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stdout, /^Usage: grulab report \[options\] <run…>/);
});

test("grulab with a bad option prints a clear message on stderr and exits 2", () => {
  const r = grulab("tutorial", "--epochs", "many");
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim(), 'grulab: option --epochs expects an integer ≥ 1, got "many"');
  assert.equal(r.stdout, "");
  const u = grulab("tutorial", "--colour", "blue");
  assert.equal(u.status, 2);
  assert.match(u.stderr, /grulab: Unknown option '--colour' \(see grulab tutorial --help\)/);
});

test("grulab with an unknown command or none exits 2", () => {
  const r = grulab("train");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command "train": expected .*resume.*tutorial.* or --help/);
  assert.equal(grulab().status, 2);
});

test("grulab tutorial with an unreadable data file fails with exit 1 naming the file", () => {
  const r = grulab("tutorial", "--data", "/nonexistent/w.csv", "--backend", "cpu");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /grulab: error: \/nonexistent\/w\.csv: file not found/);
});
