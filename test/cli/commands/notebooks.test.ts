import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { copyExampleNotebooks, EXAMPLE_NOTEBOOKS } from "../../../src/cli/commands/notebooks";
import { main } from "../../../src/cli/main";

const ROOT = path.resolve(__dirname, "..", "..", "..", "..");

test("grulab notebooks copy DIR copies every example notebook byte for byte; a second copy needs --force", async () => {
  assert.equal(EXAMPLE_NOTEBOOKS, path.join(ROOT, "notebooks"));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-nbcopy-"));
  const [log, error] = [console.log, console.error];
  const errors: string[] = [];
  console.log = () => {};
  console.error = (...a: unknown[]) => { errors.push(a.join(" ")); };
  try {
    const dir = path.join(tmp, "examples");
    assert.equal(await main(["notebooks", "copy", dir]), 0);
    const names = fs.readdirSync(path.join(ROOT, "notebooks")).filter((n) => n.endsWith(".ipynb")).sort();
    assert.ok(names.length >= 5);
    assert.deepEqual(fs.readdirSync(dir).sort(), names);
    for (const n of names) assert.deepEqual(fs.readFileSync(path.join(dir, n)), fs.readFileSync(path.join(ROOT, "notebooks", n)));
    assert.equal(await main(["notebooks", "copy", dir]), 2);
    assert.match(errors.join("\n"), /01-tutorial\.ipynb exists .*--force to overwrite/);
    assert.equal(copyExampleNotebooks(dir, true).length, names.length);
    assert.equal(await main(["notebooks", "list"]), 2);
  } finally {
    [console.log, console.error] = [log, error];
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
