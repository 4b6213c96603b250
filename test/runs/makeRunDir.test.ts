import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { makeRunDir } from "../../src/runs/makeRunDir";

test("makeRunDir names the folder <YYYYMMDD-HHMMSS>-<name> and never reuses one", () => {
  const parent = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-runs-")), "runs");
  const when = new Date(2026, 10, 27, 9, 5, 7);
  const a = makeRunDir(parent, "tutorial", when);
  const b = makeRunDir(parent, "tutorial", when);
  assert.equal(path.basename(a), "20261127-090507-tutorial");
  assert.equal(path.basename(b), "20261127-090507-tutorial-2");
  assert.ok(fs.statSync(a).isDirectory() && fs.statSync(b).isDirectory());
  assert.throws(() => makeRunDir(parent, "../x"), /run name "..\/x" must be letters, digits/);
});
