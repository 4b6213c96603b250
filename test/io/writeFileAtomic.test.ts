import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeFileAtomic } from "../../src/io/writeFileAtomic";

test("writeFileAtomic makes parent folders, writes the content and leaves no temp file", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-"));
  const file = path.join(dir, "a", "b", "out.json");
  writeFileAtomic(file, '{"x":1}');
  assert.equal(fs.readFileSync(file, "utf8"), '{"x":1}');
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ["out.json"]);
});

test("writeFileAtomic keeps the old file and names the target when the write fails", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-"));
  const file = path.join(dir, "out.txt");
  fs.writeFileSync(file, "old");
  fs.mkdirSync(path.join(dir, "blocker"));
  // A folder where the file should be: rename fails, the old content stays untouched.
  assert.throws(() => writeFileAtomic(path.join(dir, "blocker"), "new"), /could not write .*blocker/);
  assert.equal(fs.readFileSync(file, "utf8"), "old");
  assert.deepEqual(fs.readdirSync(dir).sort(), ["blocker", "out.txt"]);
});
