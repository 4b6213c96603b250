import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { classifierHistory, writeFormatTwoRun } from "../../fixtures/formatTwoRun";

const root = path.resolve(__dirname, "..", "..", "..", "..");
const grulab = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "bin", "grulab.js"), ...args], { encoding: "utf8" });

test("grulab compare runs/a runs/b writes the comparison page beside the runs by default", () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-compare-"));
  const a = writeFormatTwoRun({ name: "a", config: { units: 8 }, history: classifierHistory(3, 2) }, parent);
  const b = writeFormatTwoRun({ name: "b", config: { units: 16 }, history: classifierHistory(2, 1) }, parent);
  const r = grulab("compare", a, b, "--pdf", "off");
  assert.equal(r.status, 0, r.stderr);
  const pages = fs.readdirSync(parent).filter((f) => /^compare-\d{8}-\d{6}\.html$/.test(f));
  assert.equal(pages.length, 1, fs.readdirSync(parent).join(", "));
  assert.match(r.stdout, new RegExp(`compare: wrote ${path.join(parent, pages[0])}`));
  const out = path.join(parent, "x.html");
  assert.equal(grulab("compare", a, b, "--pdf", "off", "--out", out).status, 0);
  assert.ok(fs.existsSync(out) && fs.existsSync(path.join(parent, "x.csv")));
});

test("grulab compare: runs of different tasks exit 1 naming them; usage mistakes exit 2", () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-compare-"));
  const a = writeFormatTwoRun({ name: "a", history: classifierHistory(2, 1) }, parent);
  const b = writeFormatTwoRun({ name: "b", task: "regression", history: [{ epoch: 1, loss: 1, val_loss: 1, mae: 1, val_mae: 1, seconds: 1 }] }, parent);
  const mixed = grulab("compare", a, b, "--pdf", "off");
  assert.equal(mixed.status, 1);
  assert.match(mixed.stderr, new RegExp(`grulab: error: compareRuns: runs of different tasks cannot be compared: ${a} \\(classification\\), ${b} \\(regression\\)`));
  const none = grulab("compare");
  assert.equal(none.status, 2);
  assert.match(none.stderr, /grulab: missing argument <run…>/);
  const badOut = grulab("compare", a, "--out", "x.pdf");
  assert.equal(badOut.status, 2);
  assert.match(badOut.stderr, /option --out expects a file ending in \.html, got "x\.pdf"/);
});
