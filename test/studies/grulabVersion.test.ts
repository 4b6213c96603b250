import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { grulabVersion } from "../../src/studies/grulabVersion";

/** The package.json of grulab found by walking up from this test (not grulab's own path arithmetic). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version: string };
      if (pkg.name === "grulab") return pkg.version;
    }
  }
  throw new Error("no grulab package.json above the test");
}

test("grulabVersion is the version of the grulab package, whatever the working directory", () => {
  const cwd = process.cwd();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-version-"));
  fs.writeFileSync(path.join(tmp, "package.json"), JSON.stringify({ name: "other", version: "9.9.9" }));
  try {
    process.chdir(tmp);
    assert.equal(grulabVersion(), packageVersion());
  } finally {
    process.chdir(cwd);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  assert.match(grulabVersion(), /^\d+\.\d+\.\d+(-[\w.]+)?$/);
});
