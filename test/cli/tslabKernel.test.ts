import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findTslab, parseKernelArgs } from "../../src/cli/tslabKernel";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const LAUNCHER = path.join(ROOT, "dist", "src", "cli", "tslabKernel.js");

test("the kernel launcher's arguments: [--tslab DIR] --config-path FILE, tslab's `kernel` word accepted only first; each mistake named", () => {
  assert.deepEqual(parseKernelArgs(["--tslab", "/t", "--config-path", "c.json"]), { tslab: "/t", configPath: "c.json" });
  assert.deepEqual(parseKernelArgs(["--config-path", "c.json", "--tslab", "/t"]), { tslab: "/t", configPath: "c.json" });
  assert.deepEqual(parseKernelArgs(["kernel", "--config-path", "c.json"]), { tslab: undefined, configPath: "c.json" });
  assert.throws(() => parseKernelArgs(["--config-path", "c.json", "kernel"]), /^Error: grulab kernel: unknown argument "kernel" \(expected \[--tslab DIR\] --config-path FILE\)$/);
  assert.throws(() => parseKernelArgs(["--tslab", "/t"]), /^Error: grulab kernel: --config-path FILE \(Jupyter's connection file\) is missing$/);
  assert.throws(() => parseKernelArgs(["--config-path"]), /^Error: grulab kernel: --config-path needs a value$/);
  assert.throws(() => parseKernelArgs(["--bogus"]), /unknown argument "--bogus"/);
});

test("findTslab: a given folder made absolute; else the first tslab Node resolves from the folders, in their order", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-tslab-"));
  try {
    assert.equal(findTslab("rel/tslab", [tmp]), path.resolve("rel/tslab"));
    const own = path.join(tmp, "project", "node_modules", "tslab");
    fs.mkdirSync(own, { recursive: true });
    fs.writeFileSync(path.join(own, "package.json"), JSON.stringify({ name: "tslab", version: "9.9.9" }));
    const notebooks = path.join(tmp, "project", "notebooks");
    fs.mkdirSync(notebooks);
    assert.equal(findTslab(undefined, [notebooks, ROOT]), own, "the project's tslab, found from the notebook's folder upwards");
    assert.equal(findTslab(undefined, [ROOT, notebooks]), path.join(ROOT, "node_modules", "tslab"), "the first folder that resolves one wins");
    assert.throws(() => findTslab(undefined, [path.parse(tmp).root + "nonexistent-grulab-dir"]), /Cannot find module 'tslab\/package.json'/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("the launcher as Jupyter runs it: bad arguments exit 2 with the message on stderr, before any kernel starts", () => {
  const bad = spawnSync(process.execPath, [LAUNCHER, "--tslab"], { encoding: "utf8", timeout: 30_000 });
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim(), "grulab kernel: --tslab needs a value");
  const missing = spawnSync(process.execPath, [LAUNCHER, "--tslab", ROOT + "/node_modules/tslab"], { encoding: "utf8", timeout: 30_000 });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--config-path FILE \(Jupyter's connection file\) is missing/);
});
