import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "../../..");

// npm ci runs the build through `prepare`: a machine without a C compiler must still get a working
// install (the WebAssembly kernel), with a message saying why the native kernel was not built.
test("scripts/build-kernels.js without a C compiler builds the WebAssembly kernels, skips the native one and exits 0", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-kernel-"));
  try {
    const out = execFileSync(process.execPath, [path.join(root, "scripts/build-kernels.js"), dir],
      { cwd: root, encoding: "utf8", env: { ...process.env, CC: "/nonexistent/cc", GRULAB_NATIVE: "" } });
    console.log(out.trim().split("\n").map((l) => `  ${l}`).join("\n"));
    assert.match(out, /native kernel not built \(no C compiler "\/nonexistent\/cc"\); the WebAssembly kernel is used/);
    for (const name of ["gru.wasm", "gru-relaxed.wasm"]) {
      assert.ok(WebAssembly.validate(fs.readFileSync(path.join(dir, "wasm", name))) || name === "gru-relaxed.wasm", `${name} is not valid`);
    }
    assert.ok(fs.statSync(path.join(dir, "wasm", "gru-relaxed.wasm")).size > 1000);
    assert.equal(fs.existsSync(path.join(dir, "native", "gru.node")), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
